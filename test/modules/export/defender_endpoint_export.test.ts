import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import defender from '../../../src/modules/export/defender_endpoint_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportError, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [defender] });
});
after(() => t.close());

const MODULE = 'defender_endpoint_export';
const HASH_COLUMNS: Record<string, [string, string]> = {
  sha256: ['SHA256', 'InitiatingProcessSHA256'],
  sha1: ['SHA1', 'InitiatingProcessSHA1'],
  md5: ['MD5', 'InitiatingProcessMD5'],
};
const KIND: Record<string, string> = { sha256: 'hash', sha1: 'hash', md5: 'hash', 'ip-src': 'ip', 'ip-dst': 'ip', domain: 'url', url: 'url' };

// upstream's handle_md5(value, '7d') and handle_ip(value, '7d'), byte for byte
const MD5_QUERY =
  "find in (DeviceEvents, DeviceAlertEvents, AlertInfo, AlertEvidence, DeviceFileEvents, DeviceImageLoadEvents, DeviceProcessEvents)         where (MD5 == 'd41d8cd98f00b204e9800998ecf8427e' or InitiatingProcessMD5 == 'd41d8cd98f00b204e9800998ecf8427e') and         Timestamp between(ago(7d) .. now())";
const IP_QUERY =
  "find in (DeviceAlertEvents, AlertInfo, AlertEvidence, DeviceNetworkEvents)         where RemoteIP == '192.0.2.1' and         Timestamp between(ago(7d) .. now())";

const LITERAL = String.raw`'((?:[^'\\\n\r]|\\.)*)'`;
const SINCE = String.raw`\s+Timestamp between\(ago\(([^()\s]+)\) \.\. now\(\)\)`;
const HASH = new RegExp(String.raw`^find in \([\w, ]+\)\s+where \((SHA256|SHA1|MD5) == ${LITERAL} or (InitiatingProcess\w+) == ${LITERAL}\) and${SINCE}$`);
const IP = new RegExp(String.raw`^find in \([\w, ]+\)\s+where RemoteIP == ${LITERAL} and${SINCE}$`);
const URL_QUERY = new RegExp(
  String.raw`^let url = ${LITERAL};\s+search in \([\w, ]+\)${SINCE} and\s+\(RemoteUrl has url\s+or FileOriginUrl has url\s+or FileOriginReferrerUrl has url\s+or Url has url\)$`,
);

/** A KQL single-quoted literal's content, unescaped. */
const unescape = (body: string): string => body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);

interface KqlQuery {
  kind: string;
  value: string;
  period: string;
  columns?: [string, string];
}

function parseQuery(line: string): KqlQuery {
  let m = HASH.exec(line);
  if (m) {
    assert.equal(m[2], m[4], 'both columns compared with the same hash');
    return { kind: 'hash', value: unescape(m[2]!), period: m[5]!, columns: [m[1]!, m[3]!] };
  }
  m = IP.exec(line);
  if (m) return { kind: 'ip', value: unescape(m[1]!), period: m[2]! };
  m = URL_QUERY.exec(line);
  assert.ok(m, `a query of a known form: ${line}`);
  return { kind: 'url', value: unescape(m[1]!), period: m[2]! };
}

const queries = (text: string): KqlQuery[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n').map(parseQuery));

function expected(attributes: Json[], period: string): KqlQuery[] {
  return attributes
    .filter((a) => a.type in KIND)
    .map((a) => ({ kind: KIND[a.type]!, value: a.value, period, ...(a.type in HASH_COLUMNS ? { columns: HASH_COLUMNS[a.type] } : {}) }));
}

describe('defender_endpoint_export', () => {
  test('/modules shows the setting and the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', userConfig: {}, outputFileExtension: 'kql', inputSource: ['event'] }, ['Period']);
  });

  test('every sample event, in both shapes: one query per attribute, standalone then inside objects (as upstream)', async () => {
    let total = 0;
    let inObjects = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw], { Period: '30d' });
      assert.equal(await exportText(t, MODULE, [sample.core], { Period: '30d' }), raw, `${sample.name}: both shapes give the same file`);
      assert.deepEqual(queries(raw), expected([...sample.attributes, ...sample.objectAttributes], '30d'), sample.name);
      total += queries(raw).length;
      inObjects += expected(sample.objectAttributes, '30d').length;
    }
    assert.ok(total > 200 && inObjects > 50, `the samples exercise the module (${total} queries, ${inObjects} from objects)`);
  });

  test("upstream's query text where upstream was right", async () => {
    const event = rawEvent([attr('md5', 'd41d8cd98f00b204e9800998ecf8427e'), attr('ip-dst', '192.0.2.1')]);
    assert.equal(await exportText(t, MODULE, [event], { Period: '7d' }), `${MD5_QUERY}\n${IP_QUERY}\n`);
  });

  test('fixed: SHA256 is compared with InitiatingProcessSHA256; the time filter covers every URL column', async () => {
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const text = await exportText(t, MODULE, [rawEvent([attr('sha256', sha256), attr('url', 'http://a.example/')])], { Period: '12h' });
    assert.ok(text.includes(`InitiatingProcessSHA256 == '${sha256}'`));
    assert.ok(!text.includes('InitiatingProcessSHA1'));
    assert.ok(text.includes('Timestamp between(ago(12h) .. now()) and         (RemoteUrl has url'), 'the URL columns are grouped');
  });

  test('KQL escaping: quotes, backslashes and line breaks stay inside the literal', async () => {
    const values = ["http://x.example/it's\\here", 'evil.example\nor 1==1', "198.51.100.1' or '1'=='1"];
    const event = rawEvent([attr('url', values[0]!), attr('domain', values[1]!), attr('ip-src', values[2]!)]);
    const text = await exportText(t, MODULE, [event], { Period: '1d' });
    assert.equal(text.split('\n').length, 4, 'three lines and the final line break');
    assert.deepEqual(queries(text).map((q) => [q.kind, q.value]), [['url', values[0]], ['url', values[1]], ['ip', values[2]]]);
    assert.ok(text.includes(String.raw`let url = 'http://x.example/it\'s\\here';`));
  });

  test('attributes inside objects are exported; an event with none of the types gives an empty file', async () => {
    const event = rawEvent([attr('text', 'x')], [object('domain-ip', [attr('ip-dst', '10.0.0.1'), attr('port', '443')])]);
    assert.deepEqual(queries(await exportText(t, MODULE, [toCore(event)], { Period: '1d' })), [{ kind: 'ip', value: '10.0.0.1', period: '1d' }]);
    assert.equal(await exportText(t, MODULE, [mispEvent()], { Period: '1d' }), '');
  });

  for (const [label, config, message] of [
    ['no config', undefined, /Set the "Period" setting/],
    ['an unset Period (null)', { Period: null }, /Set the "Period" setting/],
    ['a Period that is not a timespan', { Period: 'yesterday' }, /must be a duration/],
    ['a Period that would alter the query', { Period: '1d) .. now()) or (1' }, /must be a duration/],
    ['a Period of the wrong kind', { Period: [7] }, /must be a duration/],
  ] as const) {
    test(`refuses ${label}`, async () => {
      const body = { module: MODULE, ...(config === undefined ? {} : { config }), data: [rawEvent([attr('md5', 'd41d8cd98f00b204e9800998ecf8427e')])] };
      assert.match(await exportError(t, body), message);
    });
  }

  badInputTests(() => t, MODULE, { Period: '1d' });
});
