/**
 * threat_connect_export: a ThreatConnect "Structured Import" CSV
 * (`Type,Value,Source,Description`, `\r\n` line ends as Python's csv module
 * writes them), one row per indicator of the standalone attributes (not
 * attributes inside objects, as upstream). Source is the Default_Source
 * setting, Description the attribute's comment.
 *
 * Fixed: upstream split every composite value on each `|` and crashed on
 * `ip-src|port`, `ip-dst|port` and `filename|md5` (one ThreatConnect type for
 * two parts), and typed the file name as a File. Here the value is split
 * in two at its last `|` (a port or a hash never holds one, a file name
 * may), and only the parts ThreatConnect has a type for are written: the
 * address of `ip|port`, the MD5 of `filename|md5`.
 */
import { defineModule } from '../../core/module.js';
import { csvDocument } from './_text/csv.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';

/** MISP type → ThreatConnect type of each `|`-separated part (null: not exported). */
const FIELD_MAP: Readonly<Record<string, ReadonlyArray<string | null>>> = {
  domain: ['Host'],
  'domain|ip': ['Host', 'Address'],
  hostname: ['Host'],
  'ip-src': ['Address'],
  'ip-dst': ['Address'],
  'ip-src|port': ['Address', null],
  'ip-dst|port': ['Address', null],
  'whois-registrant-email': ['EmailAddress'],
  'email-src': ['EmailAddress'],
  'email-dst': ['EmailAddress'],
  url: ['URL'],
  md5: ['File'],
  'filename|md5': [null, 'File'],
};

/** Splits a composite value in two at its last `|`. */
function parts(value: string, count: number): string[] {
  if (count === 1) return [value];
  const at = value.lastIndexOf('|');
  return at < 0 ? [value] : [value.slice(0, at), value.slice(at + 1)];
}

export default defineModule({
  name: 'threat_connect_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '0.1',
    author: 'CenturyLink CIRT',
    description: 'Module to export a structured CSV file for uploading to ThreatConnect.',
    name: 'ThreadConnect Export',
    logo: 'threatconnect.png',
    requirements: ['csv'],
    features:
      'The module takes a MISP event in input, to look every attribute. Each attribute matching with some predefined' +
      ' types is then exported in a CSV format recognized by ThreatConnect.\nUsers should then provide, as module' +
      ' configuration, the source of data they export, because it is required by the output format.',
    references: ['https://www.threatconnect.com'],
    input: 'MISP Event attributes',
    output: 'ThreatConnect CSV format file',
  },
  config: {
    Default_Source: { description: 'The Source column of every row (where the data comes from).' },
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/txt', outputFileExtension: 'csv', userConfig: {}, inputSource: [] },
  async handle(query, ctx) {
    const source = ctx.config.Default_Source ?? '';
    const rows: string[][] = [];
    for (const event of exportEvents(query)) {
      for (const attribute of event.attributes) {
        const types = FIELD_MAP[attribute.type];
        if (types === undefined) continue;
        parts(attribute.value, types.length).forEach((value, i) => {
          const type = types[i];
          if (type && value !== '') rows.push([type, value, source, attribute.comment]);
        });
      }
    }
    return exportFile(csvDocument(['Type', 'Value', 'Source', 'Description'], rows));
  },
});
