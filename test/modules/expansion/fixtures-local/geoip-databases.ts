/**
 * MaxMind databases the geoip tests write at run time (test/support/mmdb-writer.ts):
 * a City database (IPv6 tree with IPv4 and IPv6 networks), an IPv4 ASN
 * database, a Country database, and files that are not databases.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMmdb, double, uint } from '../../../support/mmdb-writer.js';

const london = {
  continent: { code: 'EU', geoname_id: 6255148, names: { en: 'Europe', de: 'Europa' } },
  country: { geoname_id: 2635167, iso_code: 'GB', names: { en: 'United Kingdom', fr: 'Royaume-Uni' } },
  city: { geoname_id: 2643743, names: { en: 'London' } },
  subdivisions: [{ geoname_id: 6269131, iso_code: 'ENG', names: { en: 'England' } }],
  location: { accuracy_radius: uint(100, 16), latitude: double(51.5142), longitude: double(-0.0931), time_zone: 'Europe/London' },
};
const zurich = {
  continent: { code: 'EU', names: { en: 'Europe' } },
  country: { iso_code: 'CH', names: { en: 'Switzerland' } },
  city: { names: { en: 'Zürich', de: 'Zürich' } },
  subdivisions: [{ iso_code: 'ZH', names: { en: 'Zurich' } }, { iso_code: 'X', names: { en: 'Kreis 1' } }],
};
const countryOnly = { continent: { code: 'AS', names: { en: 'Asia' } }, country: { iso_code: 'JP', names: { en: 'Japan' } } };

export interface GeoFixtures {
  dir: string;
  paths: Record<'city' | 'asn' | 'country' | 'text' | 'gzip', string>;
  remove(): Promise<void>;
}

export async function writeGeoDatabases(): Promise<GeoFixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'geoip-'));
  const files: Record<string, Buffer | string> = {
    city: buildMmdb(
      [
        { network: '81.2.69.0/24', data: london },
        { network: '2001:db8:100::/48', data: zurich },
        { network: '175.16.199.0/24', data: countryOnly },
      ],
      { databaseType: 'GeoLite2-City' },
    ),
    asn: buildMmdb(
      [
        { network: '1.128.0.0/11', data: { autonomous_system_number: 1221, autonomous_system_organization: 'Telstra Pty Ltd' } },
        { network: '12.81.92.0/22', data: { autonomous_system_number: 7018 } },
      ],
      { databaseType: 'GeoLite2-ASN', ipVersion: 4 },
    ),
    country: buildMmdb(
      [
        { network: '81.2.69.0/24', data: { country: { iso_code: 'GB', names: { en: 'United Kingdom' } } } },
        { network: '2a02:d300::/29', data: { country: { iso_code: 'UA', names: { en: 'Ukraine' } } } },
        { network: '10.0.0.0/8', data: { traits: { is_anycast: true } } },
      ],
      { databaseType: 'GeoLite2-Country' },
    ),
    text: 'this is not a MaxMind database\n'.repeat(10),
    gzip: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
  };
  const paths: Record<string, string> = {};
  for (const [name, content] of Object.entries(files)) {
    paths[name] = join(dir, `${name}.mmdb`);
    await writeFile(paths[name], content);
  }
  return { dir, paths: paths as GeoFixtures['paths'], remove: () => rm(dir, { recursive: true, force: true }) };
}
