/**
 * The files of deploy/ (docs/DEPLOYMENT.md): the systemd unit passes
 * `systemd-analyze verify` (a misspelt directive is only a warning to
 * systemd, and silently drops that protection: here it fails) and keeps its
 * hardening (`systemd-analyze security` exposure level); the example
 * environment file names only settings the server reads.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ENV } from '../../src/server/settings.js';

const UNIT = 'deploy/misp-modules.service';

test('the systemd unit verifies without a warning: every directive known, the command and user settings sound', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'misp-unit-'));
  try {
    const unit = await readFile(UNIT, 'utf8');
    assert.match(unit, /^ExecStart=\/usr\/local\/bin\/misp-modules$/m);
    // verify also checks that ExecStart exists: point it at a real executable, the rest unchanged.
    await writeFile(join(dir, 'misp-modules.service'), unit.replace(/^ExecStart=.*$/m, `ExecStart=${process.execPath}`));
    const r = spawnSync('systemd-analyze', ['verify', join(dir, 'misp-modules.service')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'no warning (an unknown or misspelt directive is one)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the unit is hardened: exposure level 2.0 or less, and the settings that matter are there', async () => {
  const r = spawnSync('systemd-analyze', ['security', '--offline=true', '--threshold=100', UNIT], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const level = Number(/Overall exposure level for misp-modules\.service: ([\d.]+)/.exec(r.stdout)?.[1]);
  assert.ok(level <= 2, `exposure level ${level}`);
  const unit = await readFile(UNIT, 'utf8');
  for (const line of ['User=misp-modules', 'NoNewPrivileges=yes', 'ProtectSystem=strict', 'PrivateTmp=yes', 'Restart=on-failure', 'KillMode=mixed', 'EnvironmentFile=/etc/misp-modules/misp-modules.env']) {
    assert.match(unit, new RegExp(`^${line}$`, 'm'), line);
  }
  // V8 writes machine code at run time: this one would stop the server at start.
  assert.doesNotMatch(unit, /^MemoryDenyWriteExecute=yes/m);
});

test('the example environment file names only variables the server reads', async () => {
  const names = [...(await readFile('deploy/misp-modules.env', 'utf8')).matchAll(/^#?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
  assert.ok(names.length >= 5);
  const known = new Set<string>([...Object.values(ENV), 'NODE_ENV']);
  for (const name of names) assert.ok(known.has(name), `${name} is a setting of the server`);
  assert.ok(names.includes(ENV.workers));
});
