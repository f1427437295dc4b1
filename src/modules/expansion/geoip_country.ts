/**
 * geoip_country: the ISO code of the country of an IP address, from a local
 * MaxMind GeoLite2-Country (or City) database (.mmdb). Offline.
 */
import type { CountryResponse } from 'maxmind';
import { defineModule } from '../../core/module.js';
import { GEOIP_INPUT, geoipQuery } from './_geoip/lookup.js';
import { GEOIP_MESSAGES } from './_geoip/messages.js';

export default defineModule({
  name: 'geoip_country',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.2',
    author: 'Andreas Muehlemann',
    description: 'Query a local copy of Maxminds Geolite database, updated for MMDB format',
    name: 'GeoIP Country Lookup',
    logo: 'maxmind.png',
    requirements: ["A local copy of Maxmind's Geolite database"],
    features:
      "This module takes an IP address MISP attribute as input and queries a local copy of the Maxmind's Geolite database to get information about the location of this IP address.\n\nPlease note that composite attributes domain|ip are also supported.",
    references: ['https://www.maxmind.com/en/home'],
    input: 'An IP address MISP Attribute.',
    output: 'Text containing information about the location of the IP address.',
  },
  config: {
    local_geolite_db: { description: 'Path of the GeoLite2-Country (or GeoLite2-City) .mmdb file on the modules server.', required: true },
  },
  messages: GEOIP_MESSAGES,
  attributes: { input: [...GEOIP_INPUT], output: ['freetext'] },
  async handle(query, ctx) {
    return geoipQuery(query, ctx, {
      moduleName: 'geoip_country',
      // City databases hold the same country records; upstream's geoip2 refused them, this port reads them.
      accepts: ['Country', 'City', 'Enterprise'],
      databaseLabel: 'Maxminds Geolite database',
      render: (record) => {
        const iso = (record as CountryResponse).country?.iso_code;
        return iso ? [iso] : [];
      },
    });
  },
});
