/**
 * What the result-cache and Redis tests share: loopback vendors that count
 * what they are asked (CIRCL hashlookup, VirusTotal's url lookup), small
 * test modules (a submit-like one, an importer, an exporter, one that echoes
 * its key), and readers of /metrics.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { defineModule, type ModuleDefinition, type Query } from '../../src/core/module.js';
import hashlookup from '../../src/modules/expansion/hashlookup.js';
import virustotalPublic from '../../src/modules/expansion/virustotal_public.js';
import type { ServerSettings } from '../../src/server/settings.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse } from '../support/fake-http.js';
import type { TestRedis } from '../support/redis-server.js';
import { waitFor } from '../support/wait.js';
import { startTestServer, type TestServer } from './harness.js';

export const UUID = '9c4e29ad-27e4-4a1a-9d8b-1a2b3c4d5e6f';
export const VT_SECRET = 'vt-secret-key-0123456789abcdef';

/** An md5 per index: distinct lookups. */
export const md5 = (index: number): string => createHash('md5').update(`file ${index}`).digest('hex').toUpperCase();

export function hashQuery(hash: string, extra: Record<string, unknown> = {}): Query {
  return { module: 'hashlookup', attribute: { type: 'md5', value: hash, uuid: UUID, category: 'Payload delivery' }, config: {}, ...extra };
}

export interface CountingVendor {
  fake: FakeHttp;
  url: string;
  /** Requests for this path (`/lookup/md5/<HASH>`), or all. */
  hits(path?: string): number;
  /** When each request arrived (Date.now()). */
  arrivals: number[];
  /** Answer after this long. */
  delayMs: number;
  /** Answer this status instead (500: a vendor failure). */
  failWith: number | undefined;
  close(): Promise<void>;
}

/** CIRCL hashlookup: every md5 is a known file (its NSRL record), unless the test makes it fail. */
export async function startHashlookup(): Promise<CountingVendor> {
  const vendor = { delayMs: 0, failWith: undefined as number | undefined, arrivals: [] as number[] };
  const fake = await startFakeHttp({
    'GET /lookup/:type/:hash': (req: FakeRequest): FakeResponse => {
      vendor.arrivals.push(Date.now());
      const delay = vendor.delayMs > 0 ? { delayMs: vendor.delayMs } : {};
      if (vendor.failWith !== undefined) return { ...delay, status: vendor.failWith, json: { message: 'Internal error' } };
      const hash = req.params['hash']!.toUpperCase();
      if (hash.startsWith('0000')) return { ...delay, status: 404, json: { message: 'Non existing MD5', query: hash } };
      return {
        ...delay,
        json: { MD5: hash, 'SHA-1': createHash('sha1').update(hash).digest('hex').toUpperCase(), FileName: `./bin/${hash.slice(0, 6)}`, FileSize: '142144', source: 'NSRL', db: 'nsrl_modern_rds' },
      };
    },
  });
  return Object.assign(vendor, {
    fake,
    url: fake.url,
    hits: (path?: string) => fake.requests.filter((r) => path === undefined || r.path.toUpperCase() === path.toUpperCase()).length,
    close: () => fake.close(),
  });
}

/** VirusTotal's `GET /api/v3/urls/{id}` for one key (401 for another), recording arrivals. */
export async function startVirusTotal(apikey = VT_SECRET): Promise<CountingVendor> {
  const vendor = { delayMs: 0, failWith: undefined as number | undefined, arrivals: [] as number[] };
  const fake = await startFakeHttp({
    'GET /api/v3/urls/:id': (req: FakeRequest): FakeResponse => {
      vendor.arrivals.push(Date.now());
      if (req.headers['x-apikey'] !== apikey) return { status: 401, json: { error: { code: 'WrongCredentialsError', message: 'Wrong API key' } } };
      const url = Buffer.from(req.params['id']!, 'base64url').toString('utf8');
      const sha256 = createHash('sha256').update(url).digest('hex');
      return {
        ...(vendor.delayMs > 0 ? { delayMs: vendor.delayMs } : {}),
        json: {
          data: {
            type: 'url',
            id: sha256,
            links: { self: `https://www.virustotal.com/api/v3/urls/${sha256}` },
            attributes: { url, last_final_url: url, title: '', last_http_response_code: 200, last_analysis_stats: { harmless: 60, malicious: 11, suspicious: 2, timeout: 0, undetected: 18 }, reputation: 0, tags: [] },
          },
        },
      };
    },
  });
  return Object.assign(vendor, {
    fake,
    url: fake.url,
    hits: (path?: string) => fake.requests.filter((r) => path === undefined || r.path === path).length,
    close: () => fake.close(),
  });
}

export function vtUrlQuery(url: string, extra: Record<string, unknown> = {}): Query {
  return { module: 'virustotal_public', attribute: { type: 'url', value: url, uuid: '7d0c6a2e-3f4b-4c5d-8e9f-0a1b2c3d4e5f' }, config: { apikey: VT_SECRET }, ...extra };
}

/** How many times each test module ran. */
export const runs = new Map<string, number>();

const counted = (name: string): number => {
  const n = (runs.get(name) ?? 0) + 1;
  runs.set(name, n);
  return n;
};

const meta = (name: string) => ({ version: '1', author: 'test', description: `${name} (cache tests)`, name });

/** Modules whose answers must never be kept, and one that echoes its key for some inputs. */
export const testModules: ModuleDefinition[] = [
  defineModule({
    name: 'submit_like',
    kind: 'expansion',
    moduleType: ['expansion'],
    meta: meta('submit_like'),
    coalesce: false,
    attributes: { input: ['domain'] },
    handle: async () => ({ results: [{ types: ['text'], values: [`submission ${counted('submit_like')}`] }] }),
  }),
  defineModule({
    name: 'fresh_lookup',
    kind: 'expansion',
    moduleType: ['expansion', 'hover'],
    meta: meta('fresh_lookup'),
    cache: false,
    attributes: { input: ['domain'] },
    handle: async () => ({ results: [{ types: ['text'], values: [`fresh ${counted('fresh_lookup')}`] }] }),
  }),
  defineModule({
    name: 'test_import',
    kind: 'import',
    moduleType: ['import'],
    meta: meta('test_import'),
    checkInput: false,
    handle: async () => ({ results: [{ types: ['text'], values: [`import ${counted('test_import')}`] }] }),
  }),
  defineModule({
    name: 'test_export',
    kind: 'export',
    moduleType: ['export'],
    meta: meta('test_export'),
    attributes: { responseType: 'application/txt', outputFileExtension: 'txt' },
    checkInput: false,
    handle: async () => ({ response: [], data: Buffer.from(`export ${counted('test_export')}`).toString('base64') }),
  }),
  defineModule({
    name: 'test_action',
    kind: 'action',
    moduleType: ['action'],
    meta: meta('test_action'),
    action: { params: {}, blocking: false, support_filters: false, expect_misp_core_format: false },
    checkInput: false,
    handle: async () => ({ data: `action ${counted('test_action')}` }),
  }),
  defineModule({
    name: 'echo_key',
    kind: 'expansion',
    moduleType: ['expansion', 'hover'],
    meta: meta('echo_key'),
    config: { apikey: { description: 'a key', secret: true } },
    attributes: { input: ['domain'] },
    async handle(query, ctx) {
      const n = counted('echo_key');
      const echo = query['domain'] === 'echo.example';
      return { results: [{ types: ['text'], values: [echo ? `looked up with ${ctx.config['apikey']}` : `run ${n}`] }] };
    },
  }),
];

/** The value of one sample of /metrics (`name` or `name{labels}`); undefined when absent. */
export async function metric(server: TestServer, sample: string): Promise<number | undefined> {
  const text = (await server.get('/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

/** hashlookup, virustotal_public and the test modules. */
export const BUILTINS = [hashlookup, virustotalPublic, ...testModules];

/** A server using `redis` (none: without Redis) with a 60 s TTL, its vendors redirected to the fakes (hashlookup first, then VirusTotal). */
export async function startInstance(redis: Pick<TestRedis, 'url'> | undefined, vendors: CountingVendor[], settings: Partial<ServerSettings> = {}): Promise<TestServer> {
  const [hashes, vt] = vendors;
  return startTestServer({
    builtins: BUILTINS,
    settings: {
      upstreams: [`hashlookup.circl.lu=${hashes!.url}`, ...(vt ? [`www.virustotal.com=${vt.url}`] : [])],
      cacheTtlSeconds: 60,
      ...(redis ? { redisUrl: redis.url } : {}),
      ...settings,
    },
  });
}

/** Waits until the server's Redis link is up (or down). */
export async function redisUp(server: TestServer, up = true): Promise<void> {
  await waitFor(() => server.server.shared.redis?.up === up, `Redis ${up ? 'up' : 'down'} for ${server.url}`, 10_000);
}

/** Every key and every value in Redis, as text. */
export async function redisContents(client: Redis): Promise<string> {
  const parts: string[] = [];
  for (const key of await client.keys('*')) {
    parts.push(key);
    const type = await client.type(key);
    if (type === 'string') parts.push((await client.get(key)) ?? '');
    else if (type === 'zset') parts.push(...(await client.zrange(key, 0, -1)));
    else parts.push(`(${type})`);
  }
  return parts.join('\n');
}
