/**
 * defender_endpoint_export: one Microsoft Defender for Endpoint advanced
 * hunting (KQL) query per line for each sha256, sha1, md5, domain, ip-src,
 * ip-dst and url attribute, standalone or inside an object (as upstream),
 * looking back over the Period setting.
 *
 * Kept from upstream: its query text (with the spaces that replaced its
 * template's line breaks; the SHA256 query's table list is spaced like the
 * other hash queries'), and domains searched with the URL query (upstream
 * maps `domain` to it; its domain-only query was never used).
 * Fixed:
 * - values are KQL string literals with `\` and `'` escaped (upstream pasted
 *   them raw, breaking the query on a quote);
 * - the SHA256 query compared InitiatingProcessSHA1 with the SHA256; it now
 *   compares InitiatingProcessSHA256;
 * - in the URL query the time filter applied to the first URL column only
 *   (`a and b or c or d`): the URL columns are now grouped in parentheses;
 * - an empty Period (upstream wrote `ago()`, or `ago(None)` for MISP's null)
 *   or one that is not a KQL timespan is refused with a clear error.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { exportEvents } from './_text/events.js';
import { exportFile } from './_text/file.js';
import { kqlString } from './_text/literals.js';
import { EVENTS_MESSAGES, PERIOD_MESSAGES } from './_text/messages.js';
import { requirePeriod } from './_text/period.js';

const MESSAGES = defineMessages({ ...EVENTS_MESSAGES.templates, ...PERIOD_MESSAGES.templates });

const GAP = '         '; // a line break and the template's 8-space indentation, as upstream
const FILE_TABLES = 'DeviceEvents, DeviceAlertEvents, AlertInfo, AlertEvidence, DeviceFileEvents, DeviceImageLoadEvents, DeviceProcessEvents';
const NETWORK_TABLES = 'DeviceAlertEvents, AlertInfo, AlertEvidence, DeviceNetworkEvents';
const URL_TABLES =
  'EmailUrlInfo,UrlClickEvents,DeviceNetworkEvents,DeviceFileEvents,DeviceEvents,BehaviorEntities, AlertInfo, AlertEvidence, DeviceAlertEvents';

const since = (period: string): string => `Timestamp between(ago(${period}) .. now())`;

function hashQuery(column: string, initiating: string): (value: string, period: string) => string {
  return (value, period) => {
    const v = kqlString(value);
    return `find in (${FILE_TABLES})${GAP}where (${column} == ${v} or ${initiating} == ${v}) and${GAP}${since(period)}`;
  };
}

function ipQuery(value: string, period: string): string {
  return `find in (${NETWORK_TABLES})${GAP}where RemoteIP == ${kqlString(value)} and${GAP}${since(period)}`;
}

function urlQuery(value: string, period: string): string {
  const columns = ['RemoteUrl', 'FileOriginUrl', 'FileOriginReferrerUrl', 'Url'].map((c) => `${c} has url`).join(`${GAP}or `);
  return `let url = ${kqlString(value)};${GAP}search in (${URL_TABLES})${GAP}${since(period)} and${GAP}(${columns})`;
}

const QUERIES: Readonly<Record<string, (value: string, period: string) => string>> = {
  sha256: hashQuery('SHA256', 'InitiatingProcessSHA256'),
  sha1: hashQuery('SHA1', 'InitiatingProcessSHA1'),
  md5: hashQuery('MD5', 'InitiatingProcessMD5'),
  domain: urlQuery,
  'ip-src': ipQuery,
  'ip-dst': ipQuery,
  url: urlQuery,
};

export default defineModule({
  name: 'defender_endpoint_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1.1',
    author: 'Julien Bachmann, Hacknowledge, Maik Wuerth',
    description: 'Defender for Endpoint KQL hunting query export module',
    name: 'Microsoft Defender for Endpoint KQL Export',
    logo: 'defender_endpoint.png',
    requirements: [],
    features:
      'This module export an event as Defender for Endpoint KQL queries that can then be used in your own python3 or' +
      ' Powershell tool. If you are using Microsoft Sentinel, you can directly connect your MISP instance to Sentinel' +
      ' and then create queries using the `ThreatIntelligenceIndicator` table to match events against imported IOC.',
    references: [
      'https://docs.microsoft.com/en-us/windows/security/threat-protection/microsoft-defender-atp/advanced-hunting-schema-reference',
    ],
    input: 'MISP Event attributes',
    output: 'Defender for Endpoint KQL queries',
  },
  config: {
    Period: { description: 'How far back the queries look, as a KQL timespan: 1d, 12h, 30m, 7d, ...' },
  },
  messages: MESSAGES,
  attributes: { responseType: 'application/txt', userConfig: {}, outputFileExtension: 'kql', inputSource: ['event'] },
  async handle(query, ctx) {
    const events = exportEvents(query);
    const period = requirePeriod(ctx.config.Period, /^\d+(?:\.\d+)?(?:d|h|m|s|ms)$/, '1d, 12h, 30m');
    let output = '';
    for (const event of events) {
      const attributes = [...event.attributes, ...event.objects.flatMap((o) => o.Attribute)];
      for (const attribute of attributes) {
        const build = QUERIES[attribute.type];
        if (build !== undefined) output += `${build(attribute.value, period)}\n`;
      }
    }
    return exportFile(output);
  },
});
