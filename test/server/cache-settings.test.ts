/**
 * The cache and Redis settings (`--cache-ttl`, `--cache-size`, `--redis`,
 * `--redis-timeout` and their environment variables), which modules may be
 * cached, and the commands that start and stop at once (`--check`, `-t`)
 * with a Redis that does not answer.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { parseCommandLine, UsageError } from '../../src/cli/options.js';
import { defineModule, type ModuleSpec } from '../../src/core/module.js';
import { describeRedisUrl, redisUrlPassword } from '../../src/core/redis-link.js';

describe('settings', () => {
  test('defaults: no cache, 64 MiB when on, no Redis, a 500 ms command timeout', () => {
    const { settings } = parseCommandLine([], {});
    assert.equal(settings.cacheTtlSeconds, 0);
    assert.equal(settings.cacheSizeMb, 64);
    assert.equal(settings.redisUrl, undefined);
    assert.equal(settings.redisTimeoutMs, 500);
  });

  test('flags and environment variables; flags win', () => {
    const env = { MISP_MODULES_CACHE_TTL: '0.5', MISP_MODULES_CACHE_SIZE: '0', MISP_MODULES_REDIS: 'rediss://:pw-1234@redis.internal:6380/2', MISP_MODULES_REDIS_TIMEOUT_MS: '50' };
    const fromEnv = parseCommandLine([], env).settings;
    assert.deepEqual([fromEnv.cacheTtlSeconds, fromEnv.cacheSizeMb, fromEnv.redisUrl, fromEnv.redisTimeoutMs], [0.5, 0, 'rediss://:pw-1234@redis.internal:6380/2', 50]);
    const fromFlags = parseCommandLine(['--cache-ttl', '300', '--cache-size', '256', '--redis', 'redis://127.0.0.1:6379', '--redis-timeout', '1000'], env).settings;
    assert.deepEqual([fromFlags.cacheTtlSeconds, fromFlags.cacheSizeMb, fromFlags.redisUrl, fromFlags.redisTimeoutMs], [300, 256, 'redis://127.0.0.1:6379', 1000]);
  });

  test('bad values are usage errors; a bad Redis URL is not echoed (it may hold a password)', () => {
    assert.throws(() => parseCommandLine(['--cache-ttl=-1'], {}), (e: Error) => e instanceof UsageError && /--cache-ttl must be a number of seconds/.test(e.message));
    assert.throws(() => parseCommandLine(['--cache-ttl', 'a day'], {}), /--cache-ttl must be a number of seconds/);
    assert.throws(() => parseCommandLine(['--cache-size', '1.5'], {}), /--cache-size must be a whole number/);
    assert.throws(() => parseCommandLine(['--redis-timeout', '0'], {}), /--redis-timeout must be between 10 and 60000/);
    for (const bad of ['http://user:hunter2-secret@redis.internal:6379', 'redis-host:6379', 'redis://:hunter2-secret@']) {
      assert.throws(
        () => parseCommandLine(['--redis', bad], {}),
        (e: Error) => e instanceof UsageError && /--redis must be a redis:\/\/HOST:PORT or rediss:\/\/HOST:PORT URL/.test(e.message) && !e.message.includes('hunter2'),
        bad,
      );
    }
  });

  test('the URL as logged has no password; the password is found for the log scrubber', () => {
    assert.equal(describeRedisUrl('redis://:s3cret-pass@10.0.0.5:6379/1'), 'redis://10.0.0.5:6379/1');
    assert.equal(describeRedisUrl('rediss://misp:s3cret-pass@redis.internal:6380'), 'rediss://misp@redis.internal:6380');
    assert.equal(redisUrlPassword('redis://:s3cret%40pass@10.0.0.5:6379'), 's3cret@pass');
    assert.equal(redisUrlPassword('redis://10.0.0.5:6379'), undefined);
  });
});

describe('which modules may be cached', () => {
  const spec = (extra: Partial<ModuleSpec>): ModuleSpec => ({
    name: 'm',
    kind: 'expansion',
    moduleType: ['expansion', 'hover'],
    meta: { version: '1', author: 't', description: 'd', name: 'm' },
    attributes: { input: ['domain'] },
    handle: async () => ({ results: [] }),
    ...extra,
  });

  test('expansion lookups by default; not submit-like modules (coalesce: false), nor those that opt out, nor import/export/action', () => {
    assert.equal(defineModule(spec({})).cache, true);
    assert.equal(defineModule(spec({ coalesce: false })).cache, false);
    assert.equal(defineModule(spec({ cache: false })).cache, false);
    assert.equal(defineModule(spec({ kind: 'import', moduleType: ['import'], coalesce: true })).cache, false);
    assert.equal(defineModule(spec({ kind: 'export', moduleType: ['export'], attributes: { responseType: 'text/plain', outputFileExtension: 'txt' } })).cache, false);
    assert.throws(() => defineModule(spec({ cache: 'yes' as unknown as boolean })), /cache must be true or false/);
  });
});

describe('commands that stop at once', () => {
  const CLI = ['--import', 'tsx', 'src/cli.ts'];

  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  test('--check and -t with a Redis that does not answer still finish', async () => {
    const redis = `redis://127.0.0.1:${await closedPort()}`;
    for (const args of [['--check'], ['-t', '-p', '0']]) {
      const run = spawnSync(process.execPath, [...CLI, ...args, '--redis', redis, '--cache-ttl', '60'], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.signal, null, `${args.join(' ')} did not stop`);
      assert.equal(run.status, 0, run.stderr + run.stdout.slice(-2000));
    }
  });
});
