import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import geoip_asn from '../../../src/modules/expansion/geoip_asn.js';
import { geoipSuite } from './fixtures-local/geoip-suite.js';

const suite = geoipSuite(geoip_asn);
const { ask, freetext } = suite;

describe('geoip_asn database cache', () => {
  test('the parsed database is kept between queries, and replaced when the file changes', async () => {
    const { writeFile, copyFile } = await import('node:fs/promises');
    const { buildMmdb } = await import('../../support/mmdb-writer.js');
    const path = `${suite.geo.dir}/replaced.mmdb`;
    await copyFile(suite.paths.asn, path);
    assert.equal(freetext(await ask('geoip_asn', path, { 'ip-src': '1.130.5.7' })), 'ASN=1221, AS Org=Telstra Pty Ltd');
    assert.equal(freetext(await ask('geoip_asn', path, { 'ip-src': '1.130.5.8' })), 'ASN=1221, AS Org=Telstra Pty Ltd');
    // A new file (other size and mtime) at the same path: the next query reads it.
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(path, buildMmdb([{ network: '1.128.0.0/11', data: { autonomous_system_number: 64500, autonomous_system_organization: 'Replaced Networks Ltd' } }], { databaseType: 'GeoLite2-ASN', ipVersion: 4 }));
    assert.equal(freetext(await ask('geoip_asn', path, { 'ip-src': '1.130.5.7' })), 'ASN=64500, AS Org=Replaced Networks Ltd');
  });
});

describe('geoip_asn', () => {
  test('AS number and organisation, as a bare string like upstream', async () => {
    const answer = await ask('geoip_asn', suite.paths.asn, { 'ip-src': '1.130.5.7' });
    assert.equal(freetext(answer), 'ASN=1221, AS Org=Telstra Pty Ltd');
  });

  test('a record without organisation prints None', async () => {
    const answer = await ask('geoip_asn', suite.paths.asn, { 'ip-dst': '12.81.93.1' });
    assert.equal(freetext(answer), 'ASN=7018, AS Org=None');
  });

  test('an IPv6 address against an IPv4-only database', async () => {
    const answer = await ask('geoip_asn', suite.paths.asn, { 'ip-dst': '2001:db8::1' });
    assert.match(String(answer['error']), /IPv6 address and the database only holds IPv4 networks/);
  });

  test('no path configured: upstream words plus the MISP setting', async () => {
    const answer = await suite.t.query({ module: 'geoip_asn', 'ip-dst': '1.130.5.7' });
    assert.equal(
      answer['error'],
      "Please specify the path of your local copy of the Maxmind Geolite ASN database: set Plugin.Enrichment_geoip_asn_local_geolite_db in MISP's server settings.",
    );
  });

  test('a City database given to the ASN module', async () => {
    const answer = await ask('geoip_asn', suite.paths.city, { 'ip-dst': '81.2.69.160' });
    assert.match(String(answer['error']), /geoip_asn needs a database of type ASN or ISP/);
  });
});
