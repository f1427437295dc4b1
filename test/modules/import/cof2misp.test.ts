import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import cof2misp from '../../../src/modules/import/cof2misp.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { formatViolations, validateResults } from '../../../src/misp/validate.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures-a/${name}`, import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [cof2misp] });
});
after(() => t.close());

const importCof = (data: string | Buffer) =>
  t.query({ module: 'cof2misp', event_id: '21', data: Buffer.from(data).toString('base64'), filename: 'pdns.json' });

async function importOk(data: string | Buffer, { dnsdbflex = false } = {}): Promise<any[]> {
  const answer: any = await importCof(data);
  assert.equal(answer.error, undefined, `unexpected error: ${answer.error}`);
  if (dnsdbflex) {
    // dnsdbflex knows names, not their data: upstream still files them as
    // passive-dns objects, whose template requires rdata. That is the one
    // deviation from the template we accept (kept for parity).
    const messages = formatViolations(validateResults(answer));
    assert.ok(messages.length > 0);
    for (const m of messages) assert.match(m, /object 'passive-dns' lacks required relation\(s\) rdata$/);
  } else {
    assertValidResults(answer);
  }
  assert.deepEqual(Object.keys(answer.results), ['Object']);
  return answer.results.Object;
}

async function importError(data: string | Buffer): Promise<string> {
  const answer: any = await importCof(data);
  assert.equal(answer.results, undefined);
  assert.equal(typeof answer.error, 'string');
  return answer.error;
}

/** [relation, value] of each attribute */
const pairs = (object: any) => object.Attribute.map((a: any) => [a.object_relation, a.value]);

describe('cof2misp', () => {
  test('declares a misp_standard file import', () => {
    assert.deepEqual(cof2misp.attributes.inputSource, ['file']);
    assert.equal(cof2misp.attributes.format, 'misp_standard');
  });

  test('COF records → passive-dns objects, one per line (blank lines ignored)', async () => {
    const objects = await importOk(fixture('pdns-cof.ndjson'));
    assert.equal(objects.length, 4);
    assert.ok(objects.every((o) => o.name === 'passive-dns' && o.comment === 'created by cof2misp'));
    assert.ok(objects.every((o) => o.Attribute.every((a: any) => a.distribution === '0')));
    const [cname, a, mx, aaaa] = objects;
    assert.deepEqual(pairs(cname), [
      ['rrname', 'www.circl.lu'],
      ['rrtype', 'CNAME'],
      ['rdata', 'cpa.circl.lu'],
      ['raw_rdata', '["cpa.circl.lu"]'],
      ['time_first', '2011-09-09T16:40:09+00:00'],
      ['time_last', '2015-12-08T09:26:39+00:00'],
      ['count', '1909'],
    ]);
    assert.equal(cname.first_seen, '2011-09-09T16:40:09+00:00');
    assert.equal(cname.last_seen, '2015-12-08T09:26:39+00:00');
    assert.deepEqual(pairs(a).slice(0, 3), [
      ['bailiwick', 'beta.opera-mini.net'],
      ['rrname', 'westernunion.com.ph.unblock-all.com.beta.opera-mini.net'],
      ['rrtype', 'A'],
    ]);
    assert.deepEqual(pairs(mx), [
      ['rrname', 'circl.lu'],
      ['rrtype', 'MX'],
      ['rdata', '10 mx1.circl.lu'],
      ['rdata', '20 mx2.circl.lu'],
      ['raw_rdata', '["10 mx1.circl.lu", "20 mx2.circl.lu"]'],
      ['time_first', '2020-02-10T22:17:36+00:00'],
      ['time_last', '2024-04-01T19:33:20+00:00'],
      ['sensor_id', 'sensor-fr-01'],
      ['origin', 'dnsdb'],
      ['time_first_ms', '2020-02-10T22:17:36.123000+00:00'],
      ['time_last_ms', '2024-04-01T19:33:20.999000+00:00'],
    ]);
    // zone times only (upstream's check refused these); a single rdata string
    assert.deepEqual(pairs(aaaa), [
      ['rrname', 'example.net'],
      ['rrtype', 'AAAA'],
      ['rdata', '2001:db8::1'],
      ['raw_rdata', '["2001:db8::1"]'],
      ['zone_time_first', '2020-09-13T12:26:40+00:00'],
      ['zone_time_last', '2023-11-14T22:13:20+00:00'],
    ]);
    assert.equal(aaaa.first_seen, '2020-09-13T12:26:40+00:00');
    const types = Object.fromEntries(mx.Attribute.map((x: any) => [x.object_relation, [x.type, x.category]]));
    assert.deepEqual(types.rrname, ['text', 'Network activity']);
    assert.deepEqual(types.time_first, ['datetime', 'Other']);
  });

  test('ISO 8601 times are read too', async () => {
    const [object] = await importOk('{"rrname":"iso.example","rrtype":"A","rdata":["192.0.2.8"],"time_first":"2024-01-02T03:04:05Z","time_last":1704250000}');
    assert.deepEqual(pairs(object).slice(-2), [['time_first', '2024-01-02T03:04:05+00:00'], ['time_last', '2024-01-03T02:46:40+00:00']]);
    assert.equal(object.first_seen, '2024-01-02T03:04:05+00:00');
  });

  test('dnsdbflex output → passive-dns objects with rrname and rrtype', async () => {
    const objects = await importOk(fixture('dnsdbflex.ndjson'), { dnsdbflex: true });
    assert.deepEqual(objects.map(pairs), [
      [['rrtype', 'A'], ['rrname', 'labs.deep-insights.ai']],
      [['rrtype', 'CNAME'], ['rrname', 'www.deep-insights.ca']],
      [['rrtype', 'CNAME'], ['rrname', 'mail.deep-insights.ca']],
    ]);
    assert.ok(objects.every((o) => o.comment === 'DNSDBFLEX import by cof2misp' && o.distribution === '0'));
    assert.ok(objects.every((o) => o.Attribute.every((a: any) => a.comment === 'DNSDBFLEX import by cof2misp')));
  });

  test('malformed lines are reported with their line number', async () => {
    const good = '{"rrname":"a.example","rrtype":"A","rdata":["192.0.2.1"],"time_first":1,"time_last":2}';
    assert.match(await importError(`${good}\n{"rrname": "b.example", "rrtype": "A",\n`), /^Line 2 is not valid JSON/);
    assert.match(await importError(`${good}\n["not", "an", "object"]\n`), /^Line 2 is not a JSON object/);
    assert.match(
      await importError(`${good}\n\n{"rrname":"c.example","rrtype":"A","time_first":1,"time_last":2}\n`),
      /^Line 3: missing MANDATORY field 'rdata'\. Could not validate the COF input \{"rrname":"c\.example"/,
    );
    assert.match(await importError('{"rrname":"d.example","rrtype":"A","rdata":["192.0.2.1"]}'), /^Line 1: missing EITHER \('time_first' and 'time_last'\)/);
    assert.match(await importError('{"rrname":"e.example","rrtype":1,"rdata":["x"],"time_first":1,"time_last":2}'), /^Line 1: type error: 'rrtype' is not a JSON string/);
    assert.match(await importError('{"rrname":"f.example","rrtype":"A","rdata":["x"],"time_first":"yesterday","time_last":2}'), /^Line 1: 'time_first' is not a Unix timestamp nor an ISO 8601 date/);
    assert.match(await importError('{"rrname":7,"rrtype":"A"}'), /^Line 1: type error: 'rrname' is not a JSON string\. Could not validate the dnsdbflex input/);
  });

  test('empty and non-text files', async () => {
    assert.match(await importError(''), /empty/);
    assert.match(await importError('\n\n   \n'), /only whitespace/);
    assert.match(await importError(readFileSync(new URL('../../../../shared/samples/EICAR.com.zip', import.meta.url))), /not valid UTF-8|binary data/);
  });
});
