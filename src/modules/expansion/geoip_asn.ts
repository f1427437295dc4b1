/**
 * geoip_asn: the AS number and organisation of an IP address, from a local
 * MaxMind GeoLite2-ASN database (.mmdb). Offline.
 */
import type { AsnResponse } from 'maxmind';
import { defineModule } from '../../core/module.js';
import { GEOIP_INPUT, geoipQuery, pyStr } from './_geoip/lookup.js';
import { GEOIP_MESSAGES } from './_geoip/messages.js';

export default defineModule({
  name: 'geoip_asn',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'GlennHD',
    description: 'Query a local copy of the Maxmind Geolite ASN database (MMDB format)',
    name: 'GeoIP ASN Lookup',
    logo: 'maxmind.png',
    requirements: ["A local copy of Maxmind's Geolite database"],
    features:
      "The module takes an IP address attribute as input and queries a local copy of the Maxmind's Geolite database to get information about the related AS number.",
    references: ['https://www.maxmind.com/en/home'],
    input: 'An IP address MISP attribute.',
    output: 'Text containing information about the AS number of the IP address.',
  },
  config: {
    local_geolite_db: { description: 'Path of the GeoLite2-ASN (or GeoIP2-ISP) .mmdb file on the modules server.', required: true },
  },
  messages: GEOIP_MESSAGES,
  attributes: { input: [...GEOIP_INPUT], output: ['freetext'] },
  async handle(query, ctx) {
    return geoipQuery(query, ctx, {
      moduleName: 'geoip_asn',
      accepts: ['ASN', 'ISP'],
      databaseLabel: 'the Maxmind Geolite ASN database',
      render: (record) => {
        const asn = record as Partial<AsnResponse>;
        // Upstream answers a bare string here, not a list.
        return `ASN=${pyStr(asn.autonomous_system_number)}, AS Org=${pyStr(asn.autonomous_system_organization)}`;
      },
    });
  },
});
