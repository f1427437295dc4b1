/**
 * joe_import: a Joe Sandbox JSON report → file/url, pe/elf/apk, process,
 * registry, network-connection, domain-ip and dropped-file objects, network
 * attributes and MITRE ATT&CK tags (upstream's lib/joe_parser).
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import type { MispStandardResults } from '../../misp/types.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { flag } from '../_shared/archives/upload.js';
import type { JoeTaskInput } from '../_shared/joe/task.js';
import { JOE_PARSER_MESSAGES, JOE_TASK_MESSAGES } from '../_shared/joe/messages.js';

const MESSAGES = defineMessages({ ...JOE_TASK_MESSAGES.templates, ...JOE_PARSER_MESSAGES.templates });

const TASK = new URL('../_shared/joe/task.js', import.meta.url);

export default defineModule({
  name: 'joe_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.2',
    author: 'Christian Studer',
    description: 'A module to import data from a Joe Sandbox analysis json report.',
    name: 'Joe Sandbox Import',
    logo: 'joesandbox.png',
    requirements: [],
    features:
      'Module using the new format of modules able to return attributes and objects.\n\nThe module returns the same results as the expansion module [joesandbox_query](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/joesandbox_query.py) using the submission link of the analysis to get the json report.',
    references: ['https://www.joesecurity.org', 'https://www.joesandbox.com/'],
    input: 'Json report of a Joe Sandbox analysis.',
    output: 'MISP attributes & objects parsed from the analysis report.',
  },
  messages: MESSAGES,
  attributes: {
    userConfig: {
      'Import Executable': { type: 'Boolean', message: 'Import Executable Information (PE, elf or apk for instance)' },
      'Mitre Att&ck': { type: 'Boolean', message: 'Import Mitre Att&ck techniques' },
    },
    inputSource: ['file'],
    format: 'misp_standard',
  },
  async handle(query, ctx) {
    const data = decodeBase64Field(query);
    const results = await runOffloaded<JoeTaskInput, MispStandardResults>(ctx, TASK, {
      data,
      importExecutable: flag(ctx.config['Import Executable'], false),
      mitreAttack: flag(ctx.config['Mitre Att&ck'], false),
    });
    return { results };
  },
});
