import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import geoip_country from '../../../src/modules/expansion/geoip_country.js';
import { geoipSuite } from './fixtures-local/geoip-suite.js';

const suite = geoipSuite(geoip_country);
const { ask, freetext } = suite;

describe('geoip_country', () => {
  test('the ISO code in a list', async () => {
    assert.deepEqual(freetext(await ask('geoip_country', suite.paths.country, { 'ip-dst': '81.2.69.1' })), ['GB']);
    assert.deepEqual(freetext(await ask('geoip_country', suite.paths.country, { 'ip-src': '2a02:d300:1::9' })), ['UA']);
  });

  test('a City database works too (its records hold the country)', async () => {
    assert.deepEqual(freetext(await ask('geoip_country', suite.paths.city, { 'domain|ip': 'circl.lu|175.16.199.1' })), ['JP']);
  });

  test('a record without a country gives no value', async () => {
    assert.deepEqual(freetext(await ask('geoip_country', suite.paths.country, { 'ip-dst': '10.1.2.3' })), []);
  });

  test('the wrong input type is refused before the lookup', async () => {
    const answer = await ask('geoip_country', suite.paths.country, { domain: 'circl.lu' });
    assert.match(String(answer['error']), /ip-src, ip-dst, domain\|ip/);
  });
});
