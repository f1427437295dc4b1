/**
 * ipinfo: geolocation, network owner and domains of an IP address from
 * ipinfo.io. `GET https://ipinfo.io/{ip}/json?token=TOKEN`, as upstream sends
 * it. The answer: a `geolocation` object that `locates` the input, a
 * `domain-ip` object (hostname, ip, and the hosted domains on plans that have
 * them) that `resolves` it, and an `asn` object that `includes` it, read from
 * `asn` (paid plans) or from `org` ("AS15169 Google LLC", free plan).
 *
 * Kept from upstream: the name, `token`, the order of the checks (attribute,
 * then "Missing ipinfo config.", then "Missing ipinfo token."), "The IP
 * address is reserved for special use" for a bogon, the mapping and references.
 * Fixed: ipinfo sends the hosted domains under `domains`, upstream read
 * `domain` and never found them; an answer without `loc`, `city` or another field (common for
 * anycast or sparse records) crashed upstream: what is there is written and
 * an object with nothing is left out; a refused token, the spent quota or a
 * failure name ipinfo.io, the HTTP status and ipinfo's own message instead of
 * the bare status reason.
 * Rate limit: none declared; ipinfo's quota depends on the plan.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { isRecord, text, texts } from '../_shared/json-fields.js';

const INPUT_TYPES = ['ip-src', 'ip-dst'] as const;

const MESSAGES = defineMessages({
  noConfig: 'Missing ipinfo config.',
  noToken: 'Missing ipinfo token.',
  bogon: 'The IP address is reserved for special use',
  notFound: 'ipinfo.io has no information about {ip}.',
});

export default defineModule({
  name: 'ipinfo',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'An expansion module to query ipinfo.io to gather more information on a given IP address.',
    name: 'IPInfo.io Lookup',
    logo: 'ipinfo.png',
    requirements: ['An ipinfo.io token'],
    features:
      'The module takes an IP address attribute as input and queries the ipinfo.io API.  \nThe geolocation' +
      ' information on the IP address is always returned.\n\nDepending on the subscription plan, the API returns' +
      ' different pieces of information then:\n- With a basic plan (free) you get the AS number and the AS' +
      ' organisation name concatenated in the `org` field.\n- With a paid subscription, the AS information is' +
      ' returned in the `asn` field with additional AS information, and depending on which plan the user has, you can' +
      ' also get information on the privacy method used to protect the IP address, the related domains, or the point' +
      ' of contact related to the IP address in case of an abuse.\n\nMore information on the responses content is' +
      ' available in the [documentation](https://ipinfo.io/developers).',
    references: ['https://ipinfo.io/developers'],
    input: 'IP address attribute.',
    output:
      'Additional information on the IP address, like its geolocation, the autonomous system it is included in, and' +
      ' the related domain(s).',
  },
  config: { token: { description: 'Your ipinfo.io access token, sent as the token query parameter.', secret: true } },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = requireAttribute(query, INPUT_TYPES);
    if (Object.values(ctx.config).every((value) => value === undefined)) throw MESSAGES.error('noConfig');
    const api = ctx.vendor({
      name: 'ipinfo.io',
      baseUrl: 'https://ipinfo.io',
      auth: { in: 'query', param: 'token', setting: 'token' },
      missingKey: () => MESSAGES.error('noToken'),
    });
    const ip = input.value.trim();
    const info = await api.find<unknown>(`/${encodeURIComponent(ip)}/json`);
    if (!isRecord(info)) throw MESSAGES.error('notFound', { ip });
    if (info['bogon'] === true) throw MESSAGES.error('bogon');

    const result = new MispResultBuilder();
    result.echoInputAttribute(input);

    const [latitude, longitude] = (text(info['loc']) ?? '').split(',').map((part) => part.trim() || undefined);
    const place = [
      ['city', text(info['city'])],
      ['zipcode', text(info['postal'])],
      ['region', text(info['region'])],
      ['countrycode', text(info['country'])],
      ['latitude', latitude],
      ['longitude', longitude],
    ] as const;
    if (place.some(([, value]) => value !== undefined)) {
      const geolocation = result.addObject('geolocation', place);
      result.addReference(geolocation.uuid, input.uuid, 'locates');
    }

    // ipinfo documents `domains`; upstream read `domain` (so never any): both are read.
    const hosted = isRecord(info['domains']) ? info['domains'] : isRecord(info['domain']) ? info['domain'] : {};
    const domains = texts(hosted['domains']);
    const domainIp = result.addObject('domain-ip', [
      ['hostname', text(info['hostname'])],
      ['ip', text(info['ip']) ?? ip],
      ['domain', domains],
    ]);
    result.addReference(domainIp.uuid, input.uuid, 'resolves');

    let asn: string | undefined;
    let description: string | undefined;
    if (isRecord(info['asn'])) {
      asn = text(info['asn']['asn']);
      description = text(info['asn']['name']);
    } else if (text(info['org'])) {
      const [number, ...words] = String(info['org']).split(' ');
      asn = number;
      description = words.join(' ') || undefined;
    }
    if (asn) {
      const object = result.addObject('asn', [
        ['asn', asn],
        ['description', description],
      ]);
      result.addReference(object.uuid, input.uuid, 'includes');
    }
    return result.toResults();
  },
});
