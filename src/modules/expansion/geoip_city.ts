/**
 * geoip_city: continent, country, subdivision and city of an IP address, from
 * a local MaxMind GeoLite2-City database (.mmdb). Offline.
 */
import type { CityResponse } from 'maxmind';
import { defineModule } from '../../core/module.js';
import { GEOIP_INPUT, geoipQuery, pyStr } from './_geoip/lookup.js';
import { GEOIP_MESSAGES } from './_geoip/messages.js';

export default defineModule({
  name: 'geoip_city',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'GlennHD',
    description:
      "An expansion module to query a local copy of Maxmind's Geolite database with an IP address, in order to get information about the city where it is located.",
    name: 'GeoIP City Lookup',
    logo: 'maxmind.png',
    requirements: ["A local copy of Maxmind's Geolite database"],
    features:
      "The module takes an IP address attribute as input and queries a local copy of the Maxmind's Geolite database to get information about the city where this IP address is located.",
    references: ['https://www.maxmind.com/en/home'],
    input: 'An IP address MISP attribute.',
    output: 'Text containing information about the city where the IP address is located.',
  },
  config: {
    local_geolite_db: { description: 'Path of the GeoLite2-City .mmdb file on the modules server.', required: true },
  },
  messages: GEOIP_MESSAGES,
  attributes: { input: [...GEOIP_INPUT], output: ['freetext'] },
  async handle(query, ctx) {
    return geoipQuery(query, ctx, {
      moduleName: 'geoip_city',
      accepts: ['City', 'Enterprise'],
      databaseLabel: 'Maxminds Geolite database',
      render: (record) => {
        const city = record as CityResponse;
        // geoip2's `most_specific` subdivision is the last one listed.
        const subdivision = city.subdivisions?.at(-1);
        // Upstream answers a bare string here, not a list.
        return (
          `Continent=${pyStr(city.continent?.names.en)}, Country=${pyStr(city.country?.names.en)}, ` +
          `Subdivision=${pyStr(subdivision?.names.en)}, City=${pyStr(city.city?.names.en)}`
        );
      },
    });
  },
});
