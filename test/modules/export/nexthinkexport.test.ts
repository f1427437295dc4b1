import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nexthink from '../../../src/modules/export/nexthinkexport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportError, exportText, mispEvent, object, rawEvent, samples, toCore } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [nexthink] });
});
after(() => t.close());

const MODULE = 'nexthinkexport';
const TYPES = ['sha1', 'sha256', 'md5', 'domain'];

// upstream's handle_md5(value, '2w') and handle_domain(value, '2w'), byte for byte
const MD5_QUERY =
  'select ((binary (executable_name version)) (user (name)) (device (name last_ip_address)) (execution (binary_path start_time))) (from (binary user device execution) (where binary (eq hash (md5 d41d8cd98f00b204e9800998ecf8427e))) (between now-2w now)) (limit 1000)     ';
const DOMAIN_QUERY =
  'select ((device name) (device (name last_ip_address)) (user name)(user department) (binary executable_name)(binary application_name)(binary description)(binary application_category)(binary (executable_name version)) (binary #"Suspicious binary")(binary first_seen)(binary last_seen)(binary threat_level)(binary hash) (binary paths) (destination name)(domain name) (domain domain_category)(domain hosting_country)(domain protocol)(domain threat_level) (port port_number)(web_request incoming_traffic)(web_request outgoing_traffic)) (from (web_request device user binary executable destination domain port) (where domain (eq name(string evil.example))) (between now-2w now)) (limit 1000)     ';

interface NxqlQuery {
  type: string;
  value: string;
  period: string;
}

/** Reads back what a query looks for, after checking its parentheses balance (outside "..." names). */
function parseQuery(line: string): NxqlQuery {
  let depth = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '(') depth += 1;
    else if (!quoted && c === ')') depth -= 1;
    assert.ok(depth >= 0, `balanced: ${line}`);
  }
  assert.equal(depth, 0, `balanced: ${line}`);
  assert.ok(line.startsWith('select (') && line.trimEnd().endsWith('(limit 1000)'), line);
  const where = /\(where (?:binary \(eq (sha1|sha256|hash) \((sha1|sha256|md5) ([^()\s]+)\)\)|domain \(eq name\(string ([^()\s]+)\)\)\))/.exec(line);
  assert.ok(where, `a where clause: ${line}`);
  const period = /\(between now-(\S+) now\)\) \(limit 1000\)/.exec(line);
  assert.ok(period, `a time range: ${line}`);
  return where[4] !== undefined
    ? { type: 'domain', value: where[4], period: period[1]! }
    : { type: where[2]!, value: where[3]!, period: period[1]! };
}

const queries = (text: string): NxqlQuery[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n').map(parseQuery));

describe('nexthinkexport', () => {
  test('/modules shows the setting and the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', userConfig: {}, outputFileExtension: 'nxql', inputSource: ['event'] }, ['Period']);
  });

  test('every sample event, in both shapes: one query per hash or domain attribute outside objects', async () => {
    let total = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw], { Period: '30d' });
      assert.equal(await exportText(t, MODULE, [sample.core], { Period: '30d' }), raw, `${sample.name}: both shapes give the same file`);
      const expected = sample.attributes.filter((a) => TYPES.includes(a.type)).map((a) => ({ type: a.type, value: a.value, period: '30d' }));
      assert.deepEqual(queries(raw), expected, sample.name);
      total += expected.length;
    }
    assert.ok(total > 100, `the samples exercise the module (${total} queries)`);
  });

  test("upstream's query text, one query per line", async () => {
    const event = rawEvent([attr('md5', 'd41d8cd98f00b204e9800998ecf8427e'), attr('domain', 'evil.example')]);
    assert.equal(await exportText(t, MODULE, [event], { Period: '2w' }), `${MD5_QUERY}\n${DOMAIN_QUERY}\n`);
  });

  test('values that would break the query are left out', async () => {
    const event = rawEvent([
      attr('md5', 'not-a-hash'),
      attr('sha1', 'da39a3ee5e6b4b0d3255bfef95601890afd80709) (drop'),
      attr('domain', 'evil.example) (limit 1'),
      attr('domain', 'a "b"'),
      attr('sha256', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'),
      attr('domain', 'xn--bcher-kva.example'),
    ]);
    assert.deepEqual(queries(await exportText(t, MODULE, [event], { Period: '1d' })), [
      { type: 'sha256', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855', period: '1d' },
      { type: 'domain', value: 'xn--bcher-kva.example', period: '1d' },
    ]);
  });

  test('no exportable attribute (misp_event.json, or only inside objects): an empty file', async () => {
    assert.equal(await exportText(t, MODULE, [mispEvent()], { Period: '1d' }), '');
    const event = rawEvent([attr('text', 'x')], [object('file', [attr('md5', 'd41d8cd98f00b204e9800998ecf8427e')])]);
    assert.equal(await exportText(t, MODULE, [toCore(event)], { Period: '1d' }), '');
  });

  for (const [label, config, message] of [
    ['no config', undefined, /Set the "Period" setting/],
    ['an unset Period (null)', { Period: null }, /Set the "Period" setting/],
    ['a Period that is not a duration', { Period: '1 day' }, /must be a duration/],
    ['a Period that would alter the query', { Period: '1d now)) (limit 1' }, /must be a duration/],
    ['a Period of the wrong kind', { Period: { days: 1 } }, /must be a duration/],
  ] as const) {
    test(`refuses ${label}`, async () => {
      const body = { module: MODULE, ...(config === undefined ? {} : { config }), data: [rawEvent([attr('md5', 'd41d8cd98f00b204e9800998ecf8427e')])] };
      assert.match(await exportError(t, body), message);
    });
  }

  badInputTests(() => t, MODULE, { Period: '1d' });
});
