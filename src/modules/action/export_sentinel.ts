/**
 * export_sentinel: hands a MISP event to an existing MISP2Sentinel or
 * MISP2Defender installation from a workflow: runs
 * `{misp2_venv}/bin/python {misp2_script} {event uuid}` in the script's folder.
 *
 * Kept from upstream: the params (names, descriptions, placeholder paths),
 * the flags, the command and its working folder, the 300 s limit.
 * Made safe: no shell (an argument array: nothing in the event reaches a
 * command line but its UUID, checked to be one), both paths must be absolute,
 * the run is also bounded by the query (MISP's action timeout) and killed with
 * its process group, and its output is bounded (the last 16 KiB of each stream).
 * Changed: upstream answers `{"data": false}` and prints why; we answer an
 * error with the exit status and the end of stderr, so the workflow says why.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { runScript } from './_process/run-script.js';
import { workflowParams } from './_chat/message.js';

const MESSAGES = defineMessages({
  noUuid: 'No event UUID in the workflow data (data.Event.uuid): nothing to export.',
  badUuid: 'The event UUID "{uuid}" is not a UUID: not exported.',
  missingParam: 'The {param} param is empty: set it on the workflow node.',
  relative: 'The {param} param must be an absolute path, not "{value}".',
  noPython: 'Python executable not found at {path}.',
  noScript: 'Script not found at {path}.',
  cannotRun: 'Could not run {path}: {reason}.',
  timedOut: 'The export of event {uuid} did not finish within {seconds} s and was stopped.',
  failed: 'The export of event {uuid} failed (exit status {status}): {stderr}',
});

/** Upstream's limit for one export. */
const SCRIPT_TIMEOUT_MS = 300_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function eventUuid(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return undefined;
  const event = (data as Record<string, unknown>)['Event'];
  return typeof event === 'object' && event !== null ? (event as Record<string, unknown>)['uuid'] : undefined;
}

/** The last lines of a stream, on one line, for an error message. */
function tail(text: string): string {
  const lines = text.trim().split('\n').slice(-5).join(' | ');
  return lines.length > 800 ? `…${lines.slice(-800)}` : lines || '(no output on stderr)';
}

export default defineModule({
  name: 'export_sentinel',
  kind: 'action',
  moduleType: ['action'],
  meta: {
    version: '0.1',
    author: 'Koen Van Impe',
    description:
      'Export indicators to Microsoft Sentinel or Microsoft Defender. Requires an existing installation of MISP2Sentinel or MISP2Defender.',
    name: 'Export to Sentinel or Defender',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  action: {
    params: {
      misp2_venv: {
        type: 'string',
        description: 'Where is the MISP2Sentinel or MISP2Defender Python virtual environment?',
        value: '/var/www/MISP/misp-custom/misp2sentinel/venv/',
      },
      misp2_script: {
        type: 'string',
        description: 'Where is the MISP2Sentinel or MISP2Defender installation?',
        value: '/var/www/MISP/misp-custom/misp2sentinel/script.py',
      },
    },
    blocking: false,
    support_filters: true,
    expect_misp_core_format: false,
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const uuid = eventUuid(query['data']);
    if (uuid === undefined || uuid === null || uuid === '') throw MESSAGES.error('noUuid');
    if (typeof uuid !== 'string' || !UUID.test(uuid)) throw MESSAGES.error('badUuid', { uuid: String(uuid).slice(0, 80) });
    const params = workflowParams(query);
    for (const param of ['misp2_venv', 'misp2_script'] as const) {
      const value = params[param];
      if (!value) throw MESSAGES.error('missingParam', { param });
      if (!path.isAbsolute(value)) throw MESSAGES.error('relative', { param, value: value.slice(0, 200) });
    }
    const python = path.join(params['misp2_venv']!, 'bin', 'python');
    const script = path.normalize(params['misp2_script']!);
    if (!(await isFile(python))) throw MESSAGES.error('noPython', { path: python });
    if (!(await isFile(script))) throw MESSAGES.error('noScript', { path: script });

    ctx.log.info('exporting the event to Sentinel or Defender', { event: uuid, python, script });
    let run;
    try {
      run = await runScript(python, [script, uuid], { cwd: path.dirname(script), timeoutMs: SCRIPT_TIMEOUT_MS, signal: ctx.signal });
    } catch (error) {
      throw MESSAGES.error('cannotRun', { path: python, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message }, { cause: error });
    }
    if (run.timedOut) throw MESSAGES.error('timedOut', { uuid, seconds: SCRIPT_TIMEOUT_MS / 1000 });
    if (run.code !== 0) {
      throw MESSAGES.error('failed', { uuid, status: run.code ?? `signal ${run.signal}`, stderr: tail(run.stderrTail) });
    }
    ctx.log.info('exported the event', { event: uuid, output: run.stdoutTail.slice(-500) });
    return { data: true };
  },
});
