import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import geoip_city from '../../../src/modules/expansion/geoip_city.js';
import { geoipSuite } from './fixtures-local/geoip-suite.js';

const suite = geoipSuite(geoip_city);
const { ask, freetext } = suite;

describe('geoip_city', () => {
  test('an IPv4 address in an IPv6 database: continent, country, subdivision and city', async () => {
    const answer = await ask('geoip_city', suite.paths.city, { 'ip-dst': '81.2.69.160' });
    assert.equal(freetext(answer), 'Continent=Europe, Country=United Kingdom, Subdivision=England, City=London');
  });

  test('an IPv6 address; the most specific subdivision is the last one', async () => {
    const answer = await ask('geoip_city', suite.paths.city, { 'ip-src': '2001:db8:100:5::1' });
    assert.equal(freetext(answer), 'Continent=Europe, Country=Switzerland, Subdivision=Kreis 1, City=Zürich');
  });

  test('missing names print None, as upstream (Python str(None))', async () => {
    const answer = await ask('geoip_city', suite.paths.city, { 'domain|ip': 'example.jp|175.16.199.10' });
    assert.equal(freetext(answer), 'Continent=Asia, Country=Japan, Subdivision=None, City=None');
  });

  test('ip-dst wins over ip-src, as upstream', async () => {
    const answer = await ask('geoip_city', suite.paths.city, { 'ip-src': '175.16.199.10', 'ip-dst': '81.2.69.1' });
    assert.match(String(freetext(answer)), /City=London/);
  });

  test('an address outside every network', async () => {
    const answer = await ask('geoip_city', suite.paths.city, { 'ip-dst': '8.8.8.8' });
    assert.deepEqual(answer, { error: 'GeoIP resolving error: The address 8.8.8.8 is not in the database.' });
  });

  test('a value that is not an IP address', async () => {
    const answer = await ask('geoip_city', suite.paths.city, { 'domain|ip': 'example.com|not-an-ip' });
    assert.deepEqual(answer, { error: "GeoIP resolving error: 'not-an-ip' does not appear to be an IPv4 or IPv6 address" });
  });

  test('no path configured: the error names the MISP setting', async () => {
    const answer = await ask('geoip_city', undefined, { 'ip-dst': '81.2.69.160' });
    assert.match(String(answer['error']), /Plugin\.Enrichment_geoip_city_local_geolite_db/);
  });

  test('a missing file: the error names the path and the setting', async () => {
    const missing = join(suite.geo.dir, 'nope', 'GeoLite2-City.mmdb');
    const answer = await ask('geoip_city', missing, { 'ip-dst': '81.2.69.160' });
    assert.equal(
      answer['error'],
      `Unable to locate the GeoLite database you specified (${missing}): check Plugin.Enrichment_geoip_city_local_geolite_db.`,
    );
  });

  test('a file that is not an mmdb, a gzip file and a directory', async () => {
    const notMmdb = await ask('geoip_city', suite.paths.text, { 'ip-dst': '81.2.69.160' });
    assert.match(String(notMmdb['error']), /is not a MaxMind DB \(\.mmdb\) file/);
    assert.match(String(notMmdb['error']), /geoip_city_local_geolite_db/);
    const gzip = await ask('geoip_city', suite.paths.gzip, { 'ip-dst': '81.2.69.160' });
    assert.match(String(gzip['error']), /gzip-compressed/);
    const directory = await ask('geoip_city', suite.geo.dir, { 'ip-dst': '81.2.69.160' });
    assert.match(String(directory['error']), /is a directory/);
  });

  test('an ASN database given to the city module', async () => {
    const answer = await ask('geoip_city', suite.paths.asn, { 'ip-dst': '1.128.0.1' });
    assert.match(String(answer['error']), /is a GeoLite2-ASN database; geoip_city needs a database of type City or Enterprise/);
  });

  test('declares its setting and the hover type', async () => {
    const modules = (await suite.t.get('/modules')).json() as Array<{ name: string; meta: { config?: string[]; 'module-type': string[] } }>;
    const city = modules.find((m) => m.name === 'geoip_city')!;
    assert.deepEqual(city.meta.config, ['local_geolite_db']);
    assert.deepEqual(city.meta['module-type'], ['expansion', 'hover']);
  });
});
