/**
 * virustotal_collections against a loopback VirusTotal: the event document
 * VirusTotal receives (MISP core format, whatever shape MISP sent), the
 * collection links written, and VirusTotal's failures.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import virustotalCollections from '../../../src/modules/export/virustotal_collections.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportError, exportText, object, rawEvent, samples, type Json } from './helpers-a.js';

const KEY = 'vt-collections-key-42';
const CONFIG = { vt_api_key: KEY };
const MISSING_KEY = 'A VirusTotal api key is required for this module.';
const INPUT = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'url'];
const PATH = '/api/v3/integrations/misp/collections';
const link = (id: string) => `https://www.virustotal.com/gui/collection/${id}/iocs`;

let override: ((req: FakeRequest) => FakeResponse) | undefined;
let created = 0;
let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    [`POST ${PATH}`]: (req) => override?.(req) ?? { json: { data: { id: `col-${++created}`, type: 'collection' } } },
  });
  t = await startTestServer({ builtins: [virustotalCollections], settings: { upstreams: [`www.virustotal.com=${fake.url}`] } });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  override = undefined;
  created = 0;
  fake.requests.length = 0;
});

const sent = (): Json[] => fake.requests.map((r) => JSON.parse(r.body) as Json);
const hasIndicator = (attributes: Json[]) => attributes.some((a) => String(a.type).split('|').some((p) => INPUT.includes(p)));
const pick = (attributes: Json[]) => attributes.map((a) => [a.type, String(a.value), a.uuid]);

describe('virustotal_collections', () => {
  test('is listed with upstream attributes and settings', async () => {
    await assertDescriptor(
      t,
      'virustotal_collections',
      { input: INPUT, format: 'misp_standard', responseType: 'application/txt', outputFileExtension: 'txt' },
      ['vt_api_key', 'proxy_host', 'proxy_port', 'proxy_username', 'proxy_password'],
    );
  });

  describe('the sample events, in both shapes, reach VirusTotal as the same core-format document', () => {
    for (const sample of samples()) {
      test(sample.name, async () => {
        const uuid = String(sample.raw.Event.uuid);
        if (!hasIndicator([...sample.attributes, ...sample.objectAttributes])) {
          for (const shape of [sample.raw, sample.core]) {
            const message = await exportError(t, { module: 'virustotal_collections', config: CONFIG, data: [shape] });
            assert.match(message, /^No event holds an indicator VirusTotal can put in a collection .*nothing was sent\.$/);
          }
          assert.equal(fake.requests.length, 0);
          return;
        }
        assert.equal(await exportText(t, 'virustotal_collections', [sample.raw], CONFIG), `${uuid}: ${link('col-1')}`);
        assert.equal(await exportText(t, 'virustotal_collections', [sample.core], CONFIG), `${uuid}: ${link('col-2')}`);
        const [fromRaw, fromCore] = sent();
        // The same document, except that the raw shape also carries what MISP puts beside Event (Orgc, RelatedEvent…).
        for (const [key, value] of Object.entries(fromCore!.Event as Json)) assert.deepEqual(fromRaw!.Event[key], value, key);
        for (const key of Object.keys(sample.raw).filter((k) => !['Event', 'Attribute', 'Object', 'EventTag'].includes(k))) {
          assert.deepEqual(fromRaw!.Event[key], sample.raw[key], `${key} folded into Event`);
        }

        const event = fromRaw!.Event as Json;
        assert.equal(event.uuid, uuid);
        assert.equal(event.info, sample.raw.Event.info);
        assert.deepEqual(pick(event.Attribute as Json[]), pick(sample.attributes));
        assert.deepEqual(
          (event.Object as Json[]).map((o) => [o.name, o.uuid, pick(o.Attribute as Json[])]),
          ((sample.raw.Object ?? []) as Json[]).map((o) => [o.name, o.uuid, pick(o.Attribute ?? [])]),
        );
        assert.deepEqual((event.Tag as Json[]).map((tag) => tag.name), ((sample.core.Event.Tag ?? []) as Json[]).map((tag) => tag.name));
        for (const request of fake.requests) {
          assert.equal(request.method, 'POST');
          assert.equal(request.headers['x-apikey'], KEY);
          assert.equal(request.headers['x-tool'], 'MISPModuleVirusTotalCollectionExport');
          assert.equal(request.headers['content-type'], 'application/json');
        }
      });
    }
  });

  test('the exact document: tags unwrapped, models beside Event folded in, objects with their attributes', async () => {
    const ip = attr('ip-dst', '198.51.100.7', { uuid: '11111111-1111-4111-8111-111111111111', AttributeTag: [{ Tag: { name: 'tlp:green' } }] });
    const md5 = attr('md5', 'd41d8cd98f00b204e9800998ecf8427e', { uuid: '22222222-2222-4222-8222-222222222222', category: 'Payload delivery' });
    const event = {
      ...rawEvent([ip], [object('file', [md5])]),
      EventTag: [{ Tag: { name: 'type:OSINT' } }],
      Orgc: { id: '2', name: 'CIRCL', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' },
    };
    const text = await exportText(t, 'virustotal_collections', [event], CONFIG);
    assert.equal(text, `5d3c8a4e-1111-4000-8000-000000000042: ${link('col-1')}`);
    const { AttributeTag: _tags, ...ipFields } = ip;
    assert.deepEqual(sent(), [
      {
        Event: {
          id: '42',
          uuid: '5d3c8a4e-1111-4000-8000-000000000042',
          info: 'Test event',
          date: '2023-11-14',
          timestamp: '1700000000',
          threat_level_id: '',
          analysis: '',
          published: false,
          Orgc: { id: '2', name: 'CIRCL', uuid: '55f6ea5e-2c60-40e5-964f-47a8950d210f' },
          Attribute: [{ ...ipFields, Tag: [{ name: 'tlp:green' }], Galaxy: [] }],
          Object: [
            {
              id: '77',
              name: 'file',
              uuid: '5d3c8a4e-2222-4000-8000-000000000077',
              'meta-category': 'file',
              Attribute: [{ ...md5, object_id: '77', Tag: [], Galaxy: [] }],
              ObjectReference: [],
            },
          ],
          Tag: [{ name: 'type:OSINT' }],
          Galaxy: [],
          EventReport: [],
        },
      },
    ]);
  });

  test('composite types count through their parts; an event without indicator is not sent', async () => {
    const withPart = rawEvent([attr('filename|md5', 'a.exe|d41d8cd98f00b204e9800998ecf8427e')], [], { uuid: 'aaaaaaaa-0000-4000-8000-000000000001' });
    const without = rawEvent([attr('text', 'hello'), attr('email-src', 'a@example.org')], [], { uuid: 'bbbbbbbb-0000-4000-8000-000000000002' });
    const text = await exportText(t, 'virustotal_collections', [withPart, without], CONFIG);
    assert.equal(
      text,
      `aaaaaaaa-0000-4000-8000-000000000001: ${link('col-1')}\n` +
        'bbbbbbbb-0000-4000-8000-000000000002: no indicator VirusTotal can put in a collection: not sent.',
    );
    assert.equal(fake.requests.length, 1);
  });

  describe('errors', () => {
    const event = rawEvent([attr('domain', 'evil.example')]);
    const uuid = String(event.Event.uuid);
    const ask = (config: Json = CONFIG, extra: Json = {}) => exportError(t, { module: 'virustotal_collections', config, data: [event], ...extra });
    const vtError = (status: number, message: string): FakeResponse => ({
      status, headers: { 'retry-after': '3600' }, json: { error: { code: 'SomeError', message } },
    });

    test('no api key: upstream message, nothing sent', async () => {
      assert.equal(await ask({}), MISSING_KEY);
      assert.equal(await ask({ vt_api_key: '   ' }), MISSING_KEY);
      assert.equal(await exportError(t, { module: 'virustotal_collections', data: [event] }), MISSING_KEY);
      assert.equal(fake.requests.length, 0);
    });

    badInputTests(() => t, 'virustotal_collections', CONFIG);

    test("a 400 answer becomes the event's line (upstream)", async () => {
      override = () => vtError(400, 'No IoCs found in the event');
      assert.equal(await exportText(t, 'virustotal_collections', [event], CONFIG), `${uuid}: No IoCs found in the event`);
    });

    test("other refusals answer VirusTotal's message as upstream does", async () => {
      override = () => vtError(401, 'Wrong API key');
      assert.equal(await ask(), 'Wrong API key');
      override = () => vtError(429, 'Quota exceeded');
      assert.equal(await ask(), 'Quota exceeded');
      override = () => vtError(500, 'Internal error');
      assert.equal(await ask(), 'Internal error');
    });

    test('an error answer without VirusTotal JSON', async () => {
      override = () => ({ status: 502, body: '<html>Bad gateway</html>' });
      assert.equal(await ask(), 'VirusTotal answered HTTP 502 Bad Gateway while creating the collection.');
    });

    test('malformed JSON, or no collection id', async () => {
      override = () => ({ body: '{"data": {"id": ' });
      assert.equal(await ask(), 'VirusTotal answered with invalid JSON (HTTP 200).');
      override = () => ({ json: { data: { type: 'collection' } } });
      assert.equal(await ask(), 'VirusTotal answered without the id of the new collection.');
    });

    test('VirusTotal does not answer: the query times out', async () => {
      override = () => ({ hang: true });
      assert.equal(await ask(CONFIG, { timeout: 1 }), 'Timeout.');
    });
  });
});
