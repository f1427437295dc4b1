/**
 * threatStream_misp_export: a ThreatStream import CSV (`value,itype,tags`,
 * `\r\n` line ends as Python's csv module writes them), one row per
 * standalone attribute of a mapped type (not attributes inside objects, as
 * upstream). As upstream, the tags column carries the attribute's comment.
 */
import { defineModule } from '../../core/module.js';
import { csvDocument } from './_text/csv.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';

/** MISP type → ThreatStream itype. */
const ITYPES: Readonly<Record<string, string>> = {
  domain: 'mal_domain',
  hostname: 'mal_domain',
  'ip-src': 'mal_ip',
  'ip-dst': 'mal_ip',
  'email-src': 'phish_email',
  url: 'mal_url',
  md5: 'mal_md5',
};

export default defineModule({
  name: 'threatStream_misp_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1.0',
    author: 'Robert Nixon, based off of the ThreatConnect MISP Module written by the CenturyLink CIRT',
    description: 'Module to export a structured CSV file for uploading to threatStream.',
    name: 'ThreatStream Export',
    logo: 'threatstream.png',
    requirements: ['csv'],
    features:
      'The module takes a MISP event in input, to look every attribute. Each attribute matching with some predefined' +
      ' types is then exported in a CSV format recognized by ThreatStream.',
    references: ['https://www.anomali.com/platform/threatstream', 'https://github.com/threatstream'],
    input: 'MISP Event attributes',
    output: 'ThreatStream CSV format file',
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/txt', outputFileExtension: 'csv', userConfig: {}, inputSource: [] },
  async handle(query) {
    const rows: string[][] = [];
    for (const event of exportEvents(query)) {
      for (const attribute of event.attributes) {
        const itype = ITYPES[attribute.type];
        if (itype !== undefined) rows.push([attribute.value, itype, attribute.comment]);
      }
    }
    return exportFile(csvDocument(['value', 'itype', 'tags'], rows));
  },
});
