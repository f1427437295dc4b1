/**
 * cuckooimport: a Cuckoo analysis (the folder zipped from the web UI, the
 * tar.bz2 from /tasks/report/<id>/all, or report.json alone) → sandbox-report,
 * file (sample, dropped files and buffers), process tree, network-connection,
 * dns-record, http-request and sb-signature objects.
 */
import { defineModule, type UserConfigField } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';
import type { MispStandardResults } from '../../misp/types.js';
import { runOffloaded } from '../_shared/archives/offload.js';
import { flag } from '../_shared/archives/upload.js';
import { CUCKOO_OPTIONS, type CuckooOption } from './_cuckoo/parser.js';
import type { CuckooTaskInput } from './_cuckoo/task.js';
import { CUCKOO_MESSAGES } from './_cuckoo/messages.js';

const TASK = new URL('./_cuckoo/task.js', import.meta.url);

const userConfig: Record<string, UserConfigField> = Object.fromEntries(
  CUCKOO_OPTIONS.map(([name, message]) => [name, { type: 'Boolean', message, checked: 'true' }]),
);

export default defineModule({
  name: 'cuckooimport',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '1.1',
    author: 'Pierre-Jean Grenier',
    description: 'Module to import Cuckoo JSON.',
    name: 'Cuckoo Sandbox Import',
    logo: 'cuckoo.png',
    requirements: [],
    features:
      'Import a Cuckoo archive (zipfile or bzip2 tarball), either downloaded manually or exported from the API (/tasks/report/<task_id>/all).',
    references: ['https://cuckoosandbox.org/', 'https://github.com/cuckoosandbox/cuckoo'],
    input: 'Cuckoo JSON file',
    output: 'MISP Event attributes',
  },
  messages: CUCKOO_MESSAGES,
  attributes: {
    inputSource: ['file'],
    output: ['MISP objects', 'malware-sample'],
    format: 'misp_standard',
    userConfig,
  },
  async handle(query, ctx) {
    const data = decodeBase64Field(query);
    const options: Partial<Record<CuckooOption, boolean>> = {};
    // An option MISP did not send keeps its default (checked).
    for (const [name] of CUCKOO_OPTIONS) options[name] = flag(ctx.config[name], true);
    const results = await runOffloaded<CuckooTaskInput, MispStandardResults>(ctx, TASK, { data, options });
    return { results };
  },
});
