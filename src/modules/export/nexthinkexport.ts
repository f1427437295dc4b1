/**
 * nexthinkexport: one Nexthink NXQL query per line for each standalone
 * sha1, sha256, md5 and domain attribute (not attributes inside objects, as
 * upstream), looking back over the Period setting.
 *
 * The query text is upstream's, byte for byte (including the spaces that
 * replaced its template's line breaks).
 * Fixed: an empty Period (upstream wrote `now- now`, or `now-None now` when
 * MISP sends the unset setting as null) or one that is not a duration is
 * refused with a clear error; values are written unquoted inside the
 * S-expression as upstream, so a hash that is not hex and a domain holding
 * blanks, parentheses, quotes or backslashes are left out instead of
 * breaking the query.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { exportEvents } from './_text/events.js';
import { exportFile } from './_text/file.js';
import { EVENTS_MESSAGES, PERIOD_MESSAGES } from './_text/messages.js';
import { requirePeriod } from './_text/period.js';

const MESSAGES = defineMessages({ ...EVENTS_MESSAGES.templates, ...PERIOD_MESSAGES.templates });

const BINARY_FIELDS = '((binary (executable_name version)) (user (name)) (device (name last_ip_address)) (execution (binary_path start_time)))';
const DOMAIN_FIELDS =
  '((device name) (device (name last_ip_address)) (user name)(user department) (binary executable_name)(binary application_name)(binary description)(binary application_category)(binary (executable_name version)) (binary #"Suspicious binary")(binary first_seen)(binary last_seen)(binary threat_level)(binary hash) (binary paths) (destination name)(domain name) (domain domain_category)(domain hosting_country)(domain protocol)(domain threat_level) (port port_number)(web_request incoming_traffic)(web_request outgoing_traffic))';

/** Upstream's multi-line template with each line break turned into a space. */
function nxql(fields: string, from: string, where: string, period: string): string {
  return `select ${fields} ${from} ${where} (between now-${period} now)) (limit 1000)     `;
}

const BINARY_FROM = '(from (binary user device execution)';

interface QueryKind {
  valid: RegExp;
  query(value: string, period: string): string;
}

const QUERIES: Readonly<Record<string, QueryKind>> = {
  sha1: {
    valid: /^[0-9a-f]{40}$/i,
    query: (v, p) => nxql(BINARY_FIELDS, BINARY_FROM, `(where binary (eq sha1 (sha1 ${v})))`, p),
  },
  sha256: {
    valid: /^[0-9a-f]{64}$/i,
    query: (v, p) => nxql(BINARY_FIELDS, BINARY_FROM, `(where binary (eq sha256 (sha256 ${v})))`, p),
  },
  md5: {
    valid: /^[0-9a-f]{32}$/i,
    query: (v, p) => nxql(BINARY_FIELDS, BINARY_FROM, `(where binary (eq hash (md5 ${v})))`, p),
  },
  domain: {
    valid: /^[^\s()"'\\]+$/,
    query: (v, p) =>
      nxql(DOMAIN_FIELDS, '(from (web_request device user binary executable destination domain port)', `(where domain (eq name(string ${v})))`, p),
  },
};

export default defineModule({
  name: 'nexthinkexport',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1.0',
    author: 'Julien Bachmann, Hacknowledge',
    description: 'Nexthink NXQL query export module',
    name: 'Nexthink NXQL Export',
    logo: 'nexthink.svg',
    requirements: [],
    features:
      'This module export an event as Nexthink NXQL queries that can then be used in your own python3 tool or from' +
      ' wget/powershell',
    references: ['https://doc.nexthink.com/Documentation/Nexthink/latest/APIAndIntegrations/IntroducingtheWebAPIV2'],
    input: 'MISP Event attributes',
    output: 'Nexthink NXQL queries',
  },
  config: {
    Period: { description: 'How far back the queries look, from now: 15m, 1d, 2w, 30d, ... (Nexthink data model).' },
  },
  messages: MESSAGES,
  attributes: { responseType: 'application/txt', userConfig: {}, outputFileExtension: 'nxql', inputSource: ['event'] },
  async handle(query, ctx) {
    const events = exportEvents(query);
    const period = requirePeriod(ctx.config.Period, /^\d+[smhdw]$/, '15m, 1d, 2w, 30d');
    let output = '';
    for (const event of events) {
      for (const attribute of event.attributes) {
        const kind = QUERIES[attribute.type];
        if (kind?.valid.test(attribute.value)) output += `${kind.query(attribute.value, period)}\n`;
      }
    }
    return exportFile(output);
  },
});
