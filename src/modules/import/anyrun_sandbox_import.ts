/**
 * anyrun_sandbox_import: imports an ANY.RUN Sandbox analysis by its task
 * UUID: verdict, task link, HTML report, suspicious and malicious IOCs, the
 * analysis tags and ATT&CK techniques (see _anyrun/).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { ANYRUN_API_MESSAGES, AnyRunClient } from '../_shared/anyrun/client.js';
import { parseAnyRunReport, type AnyRunOptions } from '../_shared/anyrun/parser.js';

const UUID_FIELD = 'ANYRUN Analysis UUID';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const MESSAGES = defineMessages({
  ...ANYRUN_API_MESSAGES.templates,
  missing: 'ANY.RUN API-KEY and Analysis UUID must be specified.',
  running: 'Analysis is running. Please, wait a few minutes to request a report',
  badUuid: 'The ANY.RUN Analysis UUID must be a task UUID (or a https://app.any.run/tasks/<uuid> link).',
});

/** MISP sends checkboxes as "1"/"0"; upstream's `checked: "True"` means on when the form sends nothing. */
function option(ctx: ModuleContext, name: string): boolean {
  const value = (ctx.config[name] ?? '').trim().toLowerCase();
  return value === '' ? true : !['0', 'false', 'no', 'off'].includes(value);
}

/** The task UUID, also from a task link. */
function taskUuid(raw: string): string {
  const match = UUID.exec(raw);
  if (!match) throw MESSAGES.error('badUuid');
  return match[0].toLowerCase();
}

export default defineModule({
  name: 'anyrun_sandbox_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'ANY.RUN integrations team',
    description:
      'A module designed to retrieve an analysis report from the ANY.RUN Sandbox by its unique ID and extract results ' +
      '(such as verdict, malware tags, and IOCs), converting them into MISP attributes within your event.',
    name: 'ANYRUN Sandbox Import',
    logo: 'anyrun.png',
    requirements: ['ANY.RUN Sandbox API-KEY'],
    features:
      'Fetches detailed JSON reports using the ANY.RUN API; parses key elements like verdict, extracted IOCs (hashes, IPs, ' +
      'URLs), malware tags; maps data to MISP attributes and galaxies (e.g., malware family or MITRE ATT&CK Techniques).',
    references: ['https://any.run'],
    input: 'ANY.RUN Sandbox analysis UUID.',
    output: 'Analysis external references, verdict, IOCs (hashes, IPs, URLs), malware tags, MITRE ATT&CK Techniques',
  },
  config: {
    api_key: { description: 'ANY.RUN Sandbox API key (without the "API-KEY " prefix).', secret: true },
  },
  attributes: {
    inputSource: [],
    output: ['MISP objects'],
    format: 'misp_standard',
    userConfig: {
      [UUID_FIELD]: { type: 'String', message: 'ANY.RUN Analysis UUID' },
      IOCs: { type: 'Boolean', message: 'Include ANY.RUN Sandbox Indicators', checked: 'True' },
      Tags: { type: 'Boolean', message: 'Include ANY.RUN Sandbox Tags', checked: 'True' },
      MITRE: { type: 'Boolean', message: 'Include ANY.RUN Sandbox MITRE ATT&CK Techniques', checked: 'True' },
    },
  },
  messages: MESSAGES,
  async handle(_query, ctx) {
    const apiKey = ctx.config['api_key']?.trim();
    const rawUuid = ctx.config[UUID_FIELD]?.trim();
    // Upstream only complained when both were missing, then failed on the other; either missing is enough.
    if (!apiKey || !rawUuid) throw MESSAGES.error('missing');
    const uuid = taskUuid(rawUuid);
    const options: AnyRunOptions = { iocs: option(ctx, 'IOCs'), tags: option(ctx, 'Tags'), mitre: option(ctx, 'MITRE') };

    const client = new AnyRunClient(ctx, apiKey);
    await client.checkAuthorization();
    const summary = await client.report(uuid);
    if (summary['status'] !== 'done') throw MESSAGES.error('running');
    const html = await client.htmlReport(uuid);
    const iocs = options.iocs ? await client.iocs(uuid) : [];
    return { ...parseAnyRunReport({ taskUuid: uuid, summary, html, iocs }, options).toResults() };
  },
});
