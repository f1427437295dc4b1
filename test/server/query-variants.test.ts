/** Every request variant MISP sends (PROTOCOL.md §2 and §7 point 3). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { echoModule } from './fixture-modules.js';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ extraModules: [echoModule] });
});
after(() => t.close());

const attribute = {
  id: '345', event_id: '12', object_id: '0', object_relation: null, category: 'Network activity', type: 'domain', value: 'circl.lu',
  to_ids: false, uuid: '5f1c0a2e-0000-4000-8000-000000000001', timestamp: '1700000000', distribution: '5', sharing_group_id: '0',
  comment: '', deleted: false, disable_correlation: false, first_seen: null, last_seen: null, Tag: [{ name: 'tlp:green' }],
};

interface Echo {
  echo: { query: Record<string, unknown>; config: Record<string, unknown>; configProvided: boolean };
}

describe('config variants', () => {
  test('config absent: defaults apply and the module knows no config was sent', async () => {
    const r = (await t.query({ module: 'test_echo', attribute })) as unknown as Echo;
    assert.equal(r.echo.configProvided, false);
    assert.deepEqual(r.echo.config, { with_default: 'fallback' });
  });

  test('config {}, [] (PHP empty array) and {"_":"_"} are all accepted', async () => {
    for (const config of [{}, [], { _: '_' }]) {
      const r = (await t.query({ module: 'test_echo', attribute, config })) as unknown as Echo;
      assert.equal(r.echo.configProvided, true);
      assert.equal(r.echo.config['with_default'], 'fallback');
    }
  });

  test('null values mean "not set"; strings pass through; booleans become MISP form values', async () => {
    const r = (await t.query({ module: 'test_echo', attribute, config: { setting: null, with_default: null, flag: true, n: 3 } })) as unknown as Echo;
    assert.deepEqual(r.echo.config, { with_default: 'fallback', flag: '1', n: '3' });
    const s = (await t.query({ module: 'test_echo', attribute, config: { setting: 'x', with_default: 'mine' } })) as unknown as Echo;
    assert.deepEqual(s.echo.config, { setting: 'x', with_default: 'mine' });
  });

  test('a non-empty list or a scalar as config is a malformed request (400)', async () => {
    for (const config of [['a'], 'key', 12]) {
      const res = await t.post('/query', { module: 'test_echo', attribute, config });
      assert.equal(res.status, 400, JSON.stringify(config));
      assert.match((res.json() as { error: string }).error, /"config" must be an object/);
    }
  });
});

describe('expansion, hover, import, export and action payloads', () => {
  test('expansion: ids as strings, event_id and attribute_uuid present, the whole body reaches the module', async () => {
    const body = { module: 'test_echo', event_id: '12', attribute, config: { setting: 'v' } };
    const r = (await t.query(body)) as unknown as Echo;
    assert.deepEqual(r.echo.query, body);
  });

  test('hover: no event_id, with persistent: 1', async () => {
    const body = { module: 'test_echo', attribute, persistent: 1, config: {} };
    const r = (await t.query(body)) as unknown as Echo;
    assert.equal(r.echo.query['persistent'], 1);
    assert.equal(r.echo.query['event_id'], undefined);
  });

  test('attach_enrichment: a full user object and {"_":"_"} config', async () => {
    const body = { user: { id: '1', email: 'admin@admin.test', authkey: 'abcdefabcdefabcdef' }, event_id: '3', config: { _: '_' }, module: 'test_echo', attribute };
    const r = (await t.query(body)) as unknown as Echo;
    assert.equal((r.echo.query['user'] as { id: string }).id, '1');
  });

  test('attachment scanner: timeout as a number, config []', async () => {
    const body = { module: 'test_echo', attribute: { ...attribute, type: 'text' }, event_id: '3', config: [], timeout: 30 };
    const r = (await t.query(body)) as unknown as Echo;
    assert.equal(r.echo.query['timeout'], 30);
  });

  test('legacy expansion: the type is a key of the body (eql)', async () => {
    const r = await t.query({ module: 'eql', 'ip-src': '203.0.113.7', event_id: '12', attribute_uuid: 'u', config: { nameserver: null } });
    assert.deepEqual(r, {
      results: [{ types: ['comment'], categories: ['External analysis'], values: 'network where source_address == "203.0.113.7"', comment: 'Event EQL queries' }],
    });
    const file = await t.query({ module: 'eql', filename: 'evil "x".exe' });
    assert.equal((file as any).results[0].values, 'file where file_name == "evil \\"x\\".exe"');
  });

  test('import: base64 data, filename and userConfig answers as strings', async () => {
    const r = await t.query({
      module: 'testimport',
      event_id: '12',
      config: { number1: '2', some_string: 'abc', boolean_field: '1', comment: '3' },
      data: Buffer.from('1.2.3.4,comment\n').toString('base64'),
      filename: 'iocs.csv',
    });
    assert.deepEqual(r, { results: [{ values: ['192.168.56.1'], types: ['ip-src'], categories: ['Network activity'] }] });
  });

  test('import: data that is not base64 gets a clear error', async () => {
    const r = await t.query({ module: 'testimport', data: 'this is *not* base64!' });
    assert.deepEqual(r, { error: 'The "data" field is not valid base64.' });
  });

  test('export: both event shapes give a base64 file', async () => {
    const raw = { module: 'testexport', config: {}, data: [{ Event: { id: '12', info: 'x' }, Attribute: [{ type: 'ip-dst', value: '1.2.3.4' }], Object: [] }] };
    const core = { module: 'testexport', data: [{ Event: { id: '12', info: 'x', Attribute: [{ type: 'ip-dst', value: '1.2.3.4' }] } }] };
    for (const body of [raw, core]) assert.deepEqual(await t.query(body), { response: [], data: '' });
  });

  test('action: data, params, filteredItems and matchingData', async () => {
    const r = await t.query({
      module: 'testaction',
      data: { Event: { id: '1', Attribute: [], _AttributeFlattened: [] } },
      filteredItems: [],
      params: { foo: '', data_extraction_path: 'Attribute.{n}.value' },
      matchingData: { 'Data Extraction Path': ['1.2.3.4'] },
    });
    assert.deepEqual(r, { data: true });
  });

  test('any Content-Type is read as JSON, as upstream does', async () => {
    const res = await t.post('/query', JSON.stringify({ module: 'testaction', data: {} }), { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { data: true });
    const none = await t.send('POST', '/query', JSON.stringify({ module: 'testaction' }), {});
    assert.deepEqual(none.json(), { data: true });
  });
});
