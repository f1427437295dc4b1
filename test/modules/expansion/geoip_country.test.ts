import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import geoip_country from '../../../src/modules/expansion/geoip_country.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';
import { writeGeoDatabases, type GeoFixtures } from './fixtures-local/geoip-databases.js';

let geo: GeoFixtures;
let t: TestServer;
let paths: GeoFixtures['paths'];

before(async () => {
  geo = await writeGeoDatabases();
  paths = geo.paths;
  t = await startTestServer({ builtins: [geoip_country] });
});
after(async () => {
  await t.close();
  await geo.remove();
});

const ask = (module: string, db: string | undefined, input: Record<string, unknown>) =>
  t.query({ module, ...input, config: { local_geolite_db: db ?? null } });

function freetext(answer: Record<string, unknown>): unknown {
  assertValidResults(answer);
  const results = answer['results'] as Array<{ types: string[]; values: unknown }>;
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.types, ['freetext']);
  return results[0]!.values;
}

describe('geoip_country', () => {
  test('the ISO code in a list', async () => {
    assert.deepEqual(freetext(await ask('geoip_country', paths.country, { 'ip-dst': '81.2.69.1' })), ['GB']);
    assert.deepEqual(freetext(await ask('geoip_country', paths.country, { 'ip-src': '2a02:d300:1::9' })), ['UA']);
  });

  test('a City database works too (its records hold the country)', async () => {
    assert.deepEqual(freetext(await ask('geoip_country', paths.city, { 'domain|ip': 'circl.lu|175.16.199.1' })), ['JP']);
  });

  test('a record without a country gives no value', async () => {
    assert.deepEqual(freetext(await ask('geoip_country', paths.country, { 'ip-dst': '10.1.2.3' })), []);
  });

  test('the wrong input type is refused before the lookup', async () => {
    const answer = await ask('geoip_country', paths.country, { domain: 'circl.lu' });
    assert.match(String(answer['error']), /ip-src, ip-dst, domain\|ip/);
  });
});
