/**
 * ipasn: the ASN and announced prefix of an IP address, from an IPASN-History
 * instance (CIRCL's by default): `POST /ip` with `{ip, address_family}`, as
 * pyipasnhistory sends it. Answers one `asn` object per date in the history
 * (`last-seen`, `asn`, `subnet-announced`), related to the input.
 *
 * Kept from upstream: the name, the input types (`ip` is answered as
 * `ip-src`), `custom_api` (another instance), the request body, the fields read
 * and "Unable to find the history of this IP" when there is none.
 * Fixed: an address that is not one was sent nowhere by pyipasnhistory and
 * crashed the module (it read `response` from pyipasnhistory's misspelt
 * `reponse`): it is refused with pyipasnhistory's own message; the service's
 * `error` (no data loaded for that date…) is reported instead of an empty
 * result; a vendor failure names IPASN-History, the HTTP status and what it
 * said; a CIDR is asked for its first address, as pyipasnhistory does.
 */
import { isIP } from 'node:net';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'ip'] as const;

const MESSAGES = defineMessages({
  invalidIp: 'The IP address is invalid: "{ip}"',
  notFound: 'Unable to find the history of this IP',
  serviceError: 'IPASN-History: {error}',
});

/** `POST /ip` answer: the history by date, or an `error` with an empty history. */
interface IpasnAnswer {
  meta?: unknown;
  response?: Record<string, { asn?: unknown; prefix?: unknown } | null> | null;
  error?: unknown;
}

/** What pyipasnhistory sends for an address or a network (its first address). */
function ipQuery(value: string): { ip: string; address_family: 'v4' | 'v6' } | undefined {
  const [address = '', bits] = value.trim().split('/');
  const version = isIP(address);
  if (version === 0) return undefined;
  if (bits === undefined) return { ip: address, address_family: version === 4 ? 'v4' : 'v6' };
  if (!/^\d+$/.test(bits) || Number(bits) > (version === 4 ? 32 : 128)) return undefined;
  if (version === 6) return { ip: address, address_family: 'v6' };
  const prefix = Number(bits);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const number = address.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const first = (number & mask) >>> 0;
  return { ip: [24, 16, 8, 0].map((shift) => (first >>> shift) & 255).join('.'), address_family: 'v4' };
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;

function baseUrl(custom: string | undefined): string {
  const url = custom?.trim() || 'https://ipasnhistory.circl.lu';
  // pyipasnhistory reads a URL without a scheme as http://.
  return (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).replace(/\/+$/, '');
}

export default defineModule({
  name: 'ipasn',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.3',
    author: 'Raphaël Vinot',
    description: 'Module to query an IP ASN history service (https://github.com/D4-project/IPASN-History).',
    name: 'IPASN-History Lookup',
    logo: '',
    requirements: [],
    features:
      'This module takes an IP address attribute as input and queries the CIRCL IPASN service. The result of the query is ' +
      'the latest asn related to the IP address, that is returned as a MISP object.',
    references: ['https://github.com/D4-project/IPASN-History'],
    input: 'An IP address MISP attribute.',
    output: 'Asn object(s) objects related to the IP address used as input.',
  },
  config: { custom_api: { description: 'URL of another IPASN-History instance (default https://ipasnhistory.circl.lu/)' } },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const given = requireAttribute(query, INPUT_TYPES);
    const attribute = given.type === 'ip' ? { ...given, type: 'ip-src' } : given;
    const body = ipQuery(attribute.value);
    if (!body) throw MESSAGES.error('invalidIp', { ip: attribute.value.trim() });

    const api = ctx.vendor({ name: 'IPASN-History', baseUrl: baseUrl(ctx.config['custom_api']) });
    const answer = await api.post<IpasnAnswer>('/ip', { json: body });
    const history = typeof answer === 'object' && answer !== null && typeof answer.response === 'object' && answer.response !== null ? answer.response : {};
    const dates = Object.entries(history).filter(([, entry]) => text(entry?.asn) !== undefined);
    if (dates.length === 0) {
      const error = typeof answer === 'object' && answer !== null ? text(answer.error) : undefined;
      if (error) throw MESSAGES.error('serviceError', { error });
      throw MESSAGES.error('notFound');
    }

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    for (const [date, entry] of dates) {
      const object = result.addObject('asn', [
        ['last-seen', date],
        ['asn', text(entry?.asn)],
        ['subnet-announced', text(entry?.prefix)],
      ]);
      result.addReference(object.uuid, attribute.uuid, 'related-to');
    }
    return result.toResults();
  },
});
