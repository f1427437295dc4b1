/**
 * ip2locationio: where an IP address is, from IP2Location.io.
 * `GET https://api.ip2location.io/json?key=KEY&ip=IP`, as upstream sends it
 * (the documented endpoint is `/`; `/json` is what upstream calls and the
 * service answers). The answer is a `geolocation` object that `locates` the input.
 *
 * Kept from upstream: the name, `key`, the order of the checks (attribute,
 * then "Missing ip2locationio config.", then "Missing ip2locationio API
 * key."), "The IP address is reserved for special use" for a reserved
 * address, the mapping (country_code, country_name, region_name, city_name,
 * zip_code, latitude, longitude) and the reference.
 * Fixed: a field missing from the answer crashed upstream: what is there is
 * written; IP2Location.io's "-" placeholder for unknown text fields is left
 * out; a refused key, the spent quota or a failure name IP2Location.io, the
 * HTTP status and its own `error.error_message` instead of the bare reason.
 * Rate limit: none declared; the monthly quota depends on the plan.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { isRecord, numberOrText } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-src', 'ip-dst'] as const;

const MESSAGES = defineMessages({
  noConfig: 'Missing ip2locationio config.',
  noKey: 'Missing ip2locationio API key.',
  reserved: 'The IP address is reserved for special use',
  empty: 'IP2Location.io has no location for {ip}.',
});

const MAPPING = [
  ['country_code', 'countrycode'],
  ['country_name', 'country'],
  ['region_name', 'region'],
  ['city_name', 'city'],
  ['zip_code', 'zipcode'],
  ['latitude', 'latitude'],
  ['longitude', 'longitude'],
] as const;

/** A known value: IP2Location.io writes "-" where it has none. */
function known(value: unknown): string | number | undefined {
  const found = numberOrText(value);
  return found === '-' ? undefined : found;
}

export default defineModule({
  name: 'ip2locationio',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'IP2Location.io',
    description: 'An expansion module to query IP2Location.io to gather more information on a given IP address.',
    name: 'IP2Location.io Lookup',
    logo: 'ip2locationio.png',
    requirements: ['An IP2Location.io token'],
    features:
      'The module takes an IP address attribute as input and queries the IP2Location.io API.  \nFree plan user will' +
      ' get the basic geolocation informaiton, and different subsription plan will get more information on the IP' +
      ' address. \n Refer to [pricing page](https://www.ip2location.io/pricing) for more information on data' +
      ' available for each plan. \n\nMore information on the responses content is available in the' +
      ' [documentation](https://www.ip2location.io/ip2location-documentation).',
    references: ['https://www.ip2location.io/ip2location-documentation'],
    input: 'IP address attribute.',
    output:
      'Additional information on the IP address, such as geolocation, proxy and so on. Refer to the Response Format' +
      ' section in https://www.ip2location.io/ip2location-documentation to find out the full format of the data' +
      ' returned.',
  },
  config: { key: { description: 'Your IP2Location.io API key, sent as the key query parameter.', secret: true } },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = requireAttribute(query, INPUT_TYPES);
    if (Object.values(ctx.config).every((value) => value === undefined)) throw MESSAGES.error('noConfig');
    const api = ctx.vendor({
      name: 'IP2Location.io',
      baseUrl: 'https://api.ip2location.io',
      auth: { in: 'query', param: 'key', setting: 'key' },
      missingKey: () => MESSAGES.error('noKey'),
    });
    const ip = input.value.trim();
    const found = await api.get<unknown>('/json', { query: { ip } });
    const answer = isRecord(found) ? found : {};
    if (answer[''] === 'RSV') throw MESSAGES.error('reserved');

    const place = MAPPING.map(([field, relation]) => [relation, known(answer[field])] as const);
    if (place.every(([, value]) => value === undefined)) throw MESSAGES.error('empty', { ip });
    const result = new MispResultBuilder();
    result.echoInputAttribute(input);
    const geolocation = result.addObject('geolocation', place);
    result.addReference(geolocation.uuid, input.uuid, 'locates');
    return result.toResults();
  },
});
