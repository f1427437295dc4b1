/**
 * export_sentinel with real scripts written by the test: a "venv" whose
 * bin/python is the machine's python3, and scripts that record their
 * arguments, fail, or hang past the limit.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import export_sentinel from '../../../src/modules/action/export_sentinel.js';
import { testModule } from '../../support/module-tester.js';
import { EVENT_UUID, WORKFLOW_DATA } from './workflow-payload.js';

const root = mkdtempSync(path.join(tmpdir(), 'export-sentinel-'));
after(() => rmSync(root, { recursive: true, force: true }));

const venv = path.join(root, 'venv');
mkdirSync(path.join(venv, 'bin'), { recursive: true });
symlinkSync(execFileSync('sh', ['-c', 'command -v python3']).toString().trim(), path.join(venv, 'bin', 'python'));

function script(name: string, body: string): string {
  const file = path.join(root, 'misp2sentinel', name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, body);
  chmodSync(file, 0o644);
  return file;
}

const record = path.join(root, 'record.json');
const RECORDING = script('script.py', `import json, os, sys\njson.dump({"argv": sys.argv, "cwd": os.getcwd()}, open(${JSON.stringify(record)}, "w"))\nprint("pushed 2 indicators")\n`);
const FAILING = script('failing.py', 'import sys\nprint("connecting to Sentinel", file=sys.stderr)\nprint("AADSTS7000215: Invalid client secret provided.", file=sys.stderr)\nsys.exit(3)\n');
const pidFile = path.join(root, 'hang.pid');
const HANGING = script('hanging.py', `import os, time\nopen(${JSON.stringify(pidFile)}, "w").write(str(os.getpid()))\ntime.sleep(600)\n`);

const query = (params: Record<string, string>, data: unknown = WORKFLOW_DATA) => ({ data, params });

/** Whether a process has this script on its command line (pgrep exits 1 when none). */
function running(file: string): boolean {
  try {
    execFileSync('pgrep', ['-f', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

testModule({
  module: export_sentinel,
  rows: [
    {
      name: 'runs the configured interpreter and script with the event UUID, in the script\'s folder',
      query: query({ misp2_venv: venv + '/', misp2_script: RECORDING }),
      check: (answer) => {
        assert.deepEqual(answer, { data: true });
        const recorded = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string };
        assert.deepEqual(recorded.argv, [RECORDING, EVENT_UUID]);
        assert.equal(recorded.cwd, path.dirname(RECORDING));
      },
    },
    {
      name: 'a script that fails: its exit status and the end of its stderr',
      query: query({ misp2_venv: venv, misp2_script: FAILING }),
      messageId: 'failed',
      data: { uuid: EVENT_UUID, status: 3, stderr: 'connecting to Sentinel | AADSTS7000215: Invalid client secret provided.' },
    },
    {
      name: 'a script that hangs past the query\'s time: stopped, and its process is gone',
      query: { ...query({ misp2_venv: venv, misp2_script: HANGING }), timeout: 2 },
      error: 'Timeout.',
      check: async () => {
        // The script may not have started yet on a loaded machine: then no process runs it either.
        for (let i = 0; i < 50 && running(HANGING); i += 1) await new Promise((r) => setTimeout(r, 100));
        assert.equal(running(HANGING), false, 'no process runs the script any more');
        if (existsSync(pidFile)) {
          const pid = Number(readFileSync(pidFile, 'utf8'));
          // Killed, then reaped by the server a moment later (a zombie still answers kill(pid, 0)).
          for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
          assert.equal(alive(pid), false, 'the script was killed');
        }
      },
    },
    { name: 'a relative script path is refused', query: query({ misp2_venv: venv, misp2_script: 'misp2sentinel/script.py' }), messageId: 'relative', data: { param: 'misp2_script', value: 'misp2sentinel/script.py' } },
    { name: 'a relative venv path is refused', query: query({ misp2_venv: 'venv', misp2_script: RECORDING }), messageId: 'relative', data: { param: 'misp2_venv', value: 'venv' } },
    { name: 'no venv python', query: query({ misp2_venv: path.join(root, 'nothing'), misp2_script: RECORDING }), messageId: 'noPython', data: { path: path.join(root, 'nothing', 'bin', 'python') } },
    { name: 'no script', query: query({ misp2_venv: venv, misp2_script: path.join(root, 'absent.py') }), messageId: 'noScript', data: { path: path.join(root, 'absent.py') } },
    { name: 'an empty param', query: query({ misp2_venv: '', misp2_script: RECORDING }), messageId: 'missingParam', data: { param: 'misp2_venv' } },
    { name: 'no event in the data', query: query({ misp2_venv: venv, misp2_script: RECORDING }, { Attribute: [] }), messageId: 'noUuid' },
    {
      name: 'an event UUID that is not one never reaches the command line',
      query: query({ misp2_venv: venv, misp2_script: RECORDING }, { Event: { uuid: '--help; rm -rf /' } }),
      messageId: 'badUuid',
      data: { uuid: '--help; rm -rf /' },
    },
  ],
});
