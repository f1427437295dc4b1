/**
 * macaddress_io: hover details of a MAC address from macaddress.io.
 * Asks `GET https://api.macaddress.io/v1?output=json&search=<mac>` with the
 * key in `X-Authentication-Token` (what the maclookup SDK sends) and shows
 * the MAC address, vendor and block details as text.
 *
 * Kept from upstream: the name, hover only, `api_key`, the labels and their
 * order (including "County code"), "True"/"False" flags, dates as
 * "08 April 2012", and the SDK's outcomes as upstream words them:
 * "Authorization required" (no key, or HTTP 401), "Access denied" (403),
 * "Not enough credits" (402), "Invalid MAC or OUI" (400/422), "Internal
 * server error" (5xx), "Empty response", "Unparsable response".
 * Fixed: upstream puts a dict in `values`, which is not MISP's legacy
 * result format (strings or numbers): each detail is one "Label: value"
 * string of a text result; fields the API leaves null are left out instead
 * of shown as null; an HTTP error also names macaddress.io, the status and
 * what the API said; a query without a mac-address is a clear error (upstream
 * answers `false`).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { legacyResults } from '../../misp/legacy-result.js';
import { statusLine, vendorErrorDetail } from '../../net/index.js';

const MESSAGES = defineMessages({
  noInput: 'This module needs a "mac-address" to look up.',
  authorizationRequired: 'Authorization required',
  vendorError: '{reason} (macaddress.io answered HTTP {status}{detail}).',
  emptyResponse: 'Empty response',
  unparsable: 'Unparsable response',
});

/** The SDK's exception for each HTTP status, as upstream words it. */
function statusReason(status: number): string {
  if (status === 401) return 'Authorization required';
  if (status === 402) return 'Not enough credits';
  if (status === 403) return 'Access denied';
  if (status === 400 || status === 422) return 'Invalid MAC or OUI';
  if (status >= 500) return 'Internal server error';
  return 'Unknown error';
}

interface MacaddressAnswer {
  vendorDetails?: { oui?: string; isPrivate?: boolean; companyName?: string; companyAddress?: string; countryCode?: string };
  blockDetails?: {
    blockFound?: boolean;
    borderLeft?: string;
    borderRight?: string;
    blockSize?: number;
    assignmentBlockSize?: string;
    dateCreated?: string;
    dateUpdated?: string;
  };
  macAddressDetails?: { isValid?: boolean; transmissionType?: string; administrationType?: string };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2012-04-08" as Python's strftime("%d %B %Y"): "08 April 2012". */
function longDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return value || undefined;
  return `${match[3]} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

const flag = (value: boolean | undefined) => (value ? 'True' : 'False');

function detailLines(answer: MacaddressAnswer): string[] {
  const mac = answer.macAddressDetails ?? {};
  const vendor = answer.vendorDetails ?? {};
  const block = answer.blockDetails ?? {};
  const rows: Array<[string, string | number | undefined | null]> = [
    ['Valid MAC address', flag(mac.isValid)],
    ['Transmission type', mac.transmissionType],
    ['Administration type', mac.administrationType],
    ['OUI', vendor.oui],
    ['Vendor details are hidden', flag(vendor.isPrivate)],
    ['Company name', vendor.companyName],
    ["Company's address", vendor.companyAddress],
    ['County code', vendor.countryCode],
    ['Block found', flag(block.blockFound)],
    ['The left border of the range', block.borderLeft],
    ['The right border of the range', block.borderRight],
    ['The total number of MAC addresses in this range', block.blockSize],
    ['Assignment block size', block.assignmentBlockSize],
    ['Date when the range was allocated', longDate(block.dateCreated)],
    ['Date when the range was last updated', longDate(block.dateUpdated)],
  ];
  return rows.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([label, value]) => `${label}: ${value}`);
}

export default defineModule({
  name: 'macaddress_io',
  kind: 'expansion',
  moduleType: ['hover'],
  meta: {
    version: '1.0',
    author: 'CodeLine OY - macaddress.io',
    description: 'MISP hover module for macaddress.io',
    name: 'Macaddress.io Lookup',
    logo: 'macaddress_io.png',
    requirements: ['An access to the macaddress.io API (apikey)'],
    features:
      'This module takes a MAC address attribute as input and queries macaddress.io for additional information.\n\n' +
      'This information contains data about:\n- MAC address details\n- Vendor details\n- Block details',
    references: ['https://macaddress.io/', 'https://github.com/CodeLineFi/maclookup-python'],
    input: 'MAC address MISP attribute.',
    output: 'Text containing information on the MAC address fetched from a query on macaddress.io.',
  },
  config: { api_key: { description: 'macaddress.io API key (sent as X-Authentication-Token)', secret: true } },
  attributes: { input: ['mac-address'] },
  messages: MESSAGES,
  async handle(query, ctx) {
    const input = findLegacyInput(query, ['mac-address']);
    if (!input) throw MESSAGES.error('noInput');
    const api = ctx.vendor({
      name: 'macaddress.io',
      baseUrl: 'https://api.macaddress.io',
      auth: { in: 'header', header: 'X-Authentication-Token', setting: 'api_key' },
      missingKey: () => MESSAGES.error('authorizationRequired'),
    });
    const response = await api.request('/v1', { query: { output: 'json', search: input.value.trim() } });
    if (response.status < 200 || response.status > 299) {
      if (response.status === 429) throw api.statusError(response);
      const detail = vendorErrorDetail(response);
      throw MESSAGES.error('vendorError', { reason: statusReason(response.status), status: statusLine(response.status), detail: detail ? `: ${detail}` : '' });
    }
    const text = response.text();
    if (text.trim() === '') throw MESSAGES.error('emptyResponse');
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw MESSAGES.error('unparsable');
    }
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw MESSAGES.error('unparsable');
    return legacyResults([{ types: ['text'], values: detailLines(answer as MacaddressAnswer) }]);
  },
});
