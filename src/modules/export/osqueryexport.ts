/**
 * osqueryexport: one osquery SQL statement per standalone attribute of a
 * supported type (not attributes inside objects, as upstream), in upstream's
 * wording, one per line (a YARA rule keeps its line breaks inside its string
 * literal; every statement ends with `;`).
 *
 * Fixed:
 * - values are SQL string literals with quotes doubled (upstream pasted them
 *   raw, so a `'` broke the statement or injected SQL);
 * - `regkey|value` is split on its first `|` (upstream crashed on data
 *   holding a `|`);
 * - the hive short names (HKCU, HKLM) are only rewritten at the start of the
 *   key (upstream rewrote them anywhere in the path), and HKEY_CURRENT_USER,
 *   which osquery's registry table does not have either, is rewritten like
 *   HKCU.
 * Kept: `LIKE` comparisons as upstream (`%` and `_` in a value act as
 * wildcards), and the `.conf` extension although the file is plain SQL.
 */
import { defineModule } from '../../core/module.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';
import { sqlString as q } from './_text/literals.js';

/** osquery's registry table has per-user hives under HKEY_USERS\<SID>. */
function registryPath(key: string): string {
  return key.replace(/^(HKCU|HKEY_CURRENT_USER|HKLM)(?=\\|$)/i, (hive) =>
    hive.toUpperCase() === 'HKLM' ? 'HKEY_LOCAL_MACHINE' : 'HKEY_USERS\\%',
  );
}

function registryKeyValue(value: string): string {
  const at = value.indexOf('|');
  const [key, data] = at < 0 ? [value, ''] : [value.slice(0, at), value.slice(at + 1)];
  return `SELECT * FROM registry WHERE path LIKE ${q(registryPath(key))} AND data LIKE ${q(data)};`;
}

const service = (v: string): string => `SELECT * FROM services WHERE display_name LIKE ${q(v)} OR name like ${q(v)};`;

const STATEMENTS: Readonly<Record<string, (value: string) => string>> = {
  regkey: (v) => `SELECT * FROM registry WHERE path LIKE ${q(registryPath(v))};`,
  'regkey|value': registryKeyValue,
  mutex: (v) => `SELECT * FROM winbaseobj WHERE object_name LIKE ${q(v)};`,
  'windows-service-displayname': service,
  'windows-scheduled-task': (v) => `SELECT * FROM scheduled_tasks WHERE name LIKE ${q(v)};`,
  yara: (v) =>
    `SELECT * FROM file JOIN yara USING (path) WHERE (path LIKE '/%' AND type = 'regular' AND size < 8000000 AND sigrule=${q(v)} AND count > 0);`,
  'ip-dst': (v) => `SELECT * FROM process_open_sockets where remote_address LIKE ${q(v)};`,
  'ip-src': (v) => `SELECT * FROM process_open_sockets where local_address LIKE ${q(v)};`,
  filename: (v) => `select * from file where path LIKE ${q(v)};`,
  sha256: (v) =>
    `SELECT *, sha256 FROM file JOIN hash USING (path) WHERE file.directory LIKE '/%' AND sha256 like ${q(v)} ORDER BY mtime DESC LIMIT 1;`,
  'windows-service-name': (v) => `SELECT * FROM services WHERE service_name LIKE ${q(v)};`,
  'named pipe': (v) => `SELECT * FROM pipes WHERE name LIKE ${q(v)};`,
  domain: (v) => `SELECT * FROM dns_cache WHERE name LIKE ${q(v)};`,
};

export default defineModule({
  name: 'osqueryexport',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1.1',
    author: 'Julien Bachmann, Hacknowledge',
    description: 'OSQuery export of a MISP event.',
    name: 'OSQuery Export',
    logo: 'osquery.png',
    requirements: [],
    features:
      'This module export an event as osquery queries that can be used in packs or in fleet management solution like' +
      ' Kolide.',
    references: [],
    input: 'MISP Event attributes',
    output: 'osquery SQL queries',
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'application/txt', userConfig: {}, outputFileExtension: 'conf', inputSource: ['event'] },
  async handle(query) {
    let output = '';
    for (const event of exportEvents(query)) {
      for (const attribute of event.attributes) {
        const statement = STATEMENTS[attribute.type];
        if (statement !== undefined) output += `${statement(attribute.value)}\n`;
      }
    }
    return exportFile(output);
  },
});
