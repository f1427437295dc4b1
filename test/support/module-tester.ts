/**
 * Table tests for modules, the way ESLint's RuleTester reads: the module, its
 * fake vendor(s) as route tables, and rows of `query → results | error`.
 *
 *   testModule({
 *     module: hashlookup,
 *     vendors: { 'hashlookup.circl.lu': { 'GET /lookup/md5/:hash': (req) => ({ json: HIT }) } },
 *     config: { custom_API: '' },
 *     rows: [
 *       { name: 'a known md5', query: { attribute: MD5 }, check: (answer) => { … } },
 *       { name: 'an unknown md5', query: { attribute: MD5 }, routes: { 'GET /lookup/md5/:h': { status: 404, json: {…} } }, messageId: 'notFound' },
 *       ...vendorFailureRows({ query: { attribute: MD5 } }),
 *     ],
 *   });
 *
 * One real server (port 0) with only that module, one loopback fake per
 * vendor host mapped with `--upstream`, one node:test per row. DNS modules
 * give `dns: { 'name.example': { TXT: ['…'] } }`: a loopback fake DNS server
 * set as the server's `--dns-server` answers their lookups. Every answer
 * that carries results passes `assertValidResults`; every error row compares
 * the whole answer (`{"error": …}`); the server is still serving at the end.
 * A row with `listing` instead of a query checks the module's /modules entry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatMessage, type MessageData } from '../../src/base/messages.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { ServerSettings } from '../../src/server/settings.js';
import { assertValidResults } from '../modules/assert-results.js';
import { startTestServer, type TestServer } from '../server/harness.js';
import { startFakeDns, type FakeDns, type RecordedQuery, type Zone } from './fake-dns.js';
import { routeTable, startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse, type RecordedRequest, type Routes } from './fake-http.js';

export type Answer = Record<string, unknown>;

/** A request a fake vendor received, with the vendor host it was sent to. */
export type VendorRequest = RecordedRequest & { vendor: string };

/** What a row's `check` may reach beyond the answer: the server and the vendor fakes. */
export interface TesterContext {
  server: TestServer;
  /** The loopback fake of a vendor host (the only one when the table has one vendor). */
  vendor(host?: string): FakeHttp;
}

/** A module's entry in GET /modules. */
export interface ModuleListing {
  name: string;
  type: string;
  mispattributes: Record<string, unknown>;
  meta: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ModuleTestRow {
  name: string;
  /**
   * The /query body without `module` (added) and `config` (see below); not needed with `listing`.
   * A function builds it when it needs the fakes (a vendor's loopback URL, say) or work done
   * when the row runs (a document built for it, say).
   */
  query?: Record<string, unknown> | ((context: TesterContext) => Record<string, unknown> | Promise<Record<string, unknown>>);
  /**
   * Server settings for this row only: it runs on a server of its own, started with the table's
   * settings (and vendor upstreams) overridden by these, and closed after the row.
   */
  settings?: Partial<ServerSettings>;
  /** Instead of a query: checks the module's entry in GET /modules. */
  listing?: (entry: ModuleListing) => void;
  /** Merged over the table's config for this row; `null` sends no `config` key at all. */
  config?: Record<string, string | null> | null;
  /** Routes tried before the table's routes for this row: by vendor host, or given directly for every vendor. */
  routes?: Routes | Record<string, Routes>;
  /** The answer's `results`, compared deeply. */
  results?: unknown;
  /**
   * Any other check of the answer; `requests` holds what every fake received during the row,
   * `dnsQueries` what the table's fake DNS server (`dns`) received during the row.
   */
  check?: (answer: Answer, requests: VendorRequest[], dnsQueries: RecordedQuery[], context: TesterContext) => void | Promise<void>;
  /** The exact error text, or a pattern it must match; a function gives it when it names a fake (its port, say). */
  error?: string | RegExp | ((context: TesterContext) => string | RegExp);
  /** The error is this declared message of the module, with these placeholders filled. */
  messageId?: string;
  data?: MessageData;
  /** UUIDs of input attributes that references in the results may point to (default: the table's). */
  inputUuids?: string[];
  /** The row's own checks on what the fake vendor(s) received. */
  requests?: (requests: VendorRequest[]) => void;
  /** Only this row (debugging); never commit it. */
  only?: boolean;
}

export interface ModuleTable {
  module: ModuleDefinition;
  /** Real vendor host (as the module addresses it) → route table of its loopback fake. */
  vendors?: Record<string, Routes>;
  /** Config sent with every row unless the row says otherwise. */
  config?: Record<string, string>;
  /** Extra server settings (e.g. `dnsServers`, `allowUrlRanges`). */
  settings?: Partial<ServerSettings>;
  /** UUIDs of input attributes that references in every row's results may point to. */
  inputUuids?: string[];
  rows: ModuleTestRow[];
  /** Other modules served beside it (a module that calls another, say). */
  extraModules?: ModuleDefinition[];
  /**
   * A zone for a loopback fake DNS server (test/support/fake-dns.ts) that the
   * server's `dnsServers` setting points at: the module's `ctx.dns` lookups
   * that name no nameserver are answered from it.
   */
  dns?: Zone;
}

interface VendorFake {
  host: string;
  fake: FakeHttp;
  override: Routes | undefined;
}

function rowRoutes(row: ModuleTestRow, host: string, hosts: string[]): Routes | undefined {
  if (!row.routes) return undefined;
  const byHost = row.routes as Record<string, Routes>;
  if (hosts.includes(Object.keys(row.routes)[0] ?? '')) return byHost[host];
  return row.routes as Routes;
}

function expectedError(module: ModuleDefinition, row: ModuleTestRow, context: TesterContext): string | RegExp | undefined {
  if (row.messageId === undefined) return typeof row.error === 'function' ? row.error(context) : row.error;
  const template = module.messages[row.messageId];
  assert.ok(template !== undefined, `${module.name} declares message "${row.messageId}"`);
  return formatMessage(template, row.data);
}

/** Declares one describe() with a test per row. */
export function testModule(table: ModuleTable): void {
  const { module } = table;
  const hosts = Object.keys(table.vendors ?? {});
  const fakes: VendorFake[] = [];
  let server: TestServer;
  /** The server the current row talks to (the table's, or the row's own with `settings`). */
  let current: TestServer;
  let serverSettings: Partial<ServerSettings>;
  let fakeDns: FakeDns | undefined;
  const builtins = [module, ...(table.extraModules ?? [])];

  describe(`${module.name} (table)`, () => {
    before(async () => {
      for (const host of hosts) {
        const base = routeTable(table.vendors![host]!);
        const entry: VendorFake = { host, fake: undefined as unknown as FakeHttp, override: undefined };
        const dispatch = async (req: FakeRequest): Promise<FakeResponse> => {
          const fromRow = entry.override ? await routeTable(entry.override)(req) : undefined;
          return fromRow ?? (await base(req)) ?? { status: 404, json: { error: `no fake route for ${req.method} ${req.path}` } };
        };
        entry.fake = await startFakeHttp({ '* /*': dispatch });
        fakes.push(entry);
      }
      if (table.dns) fakeDns = await startFakeDns(table.dns);
      serverSettings = {
        ...table.settings,
        upstreams: [...(table.settings?.upstreams ?? []), ...fakes.map((f) => `${f.host}=${f.fake.url}`)],
        ...(fakeDns ? { dnsServers: [fakeDns.address] } : {}),
      };
      server = await startTestServer({ builtins, settings: serverSettings });
    });

    after(async () => {
      // Whatever the rows did, the server still answers.
      const health = await server.get('/healthcheck');
      await server.close();
      await Promise.all(fakes.map((f) => f.fake.close()));
      await fakeDns?.close();
      assert.equal(health.status, 200, 'the server still serves after every row');
    });

    const context: TesterContext = {
      get server() {
        return current;
      },
      vendor(host) {
        const found = host === undefined ? (fakes.length === 1 ? fakes[0] : undefined) : fakes.find((f) => f.host === host);
        assert.ok(found, `a fake vendor ${host ?? '(the only one)'} in the table`);
        return found.fake;
      },
    };

    for (const row of table.rows) {
      test(row.name, row.only ? { only: true } : {}, async () => {
        if (!row.settings) return runRow(row);
        current = await startTestServer({ builtins, settings: { ...serverSettings, ...row.settings } });
        try {
          await runRow(row);
        } finally {
          await current.close();
        }
      });
    }

    async function runRow(row: ModuleTestRow): Promise<void> {
      if (!row.settings) current = server;
      if (row.listing) {
        const list = (await current.get('/modules')).json() as ModuleListing[];
        const entry = list.find((m) => m.name === module.name);
        assert.ok(entry, `${module.name} is listed in /modules`);
        row.listing(entry);
        return;
      }
      assert.ok(row.query, `row "${row.name}" has a query or a listing`);
      for (const entry of fakes) {
        entry.override = rowRoutes(row, entry.host, hosts);
        entry.fake.requests.length = 0;
      }
      const dnsQueriesBefore = fakeDns?.queries.length ?? 0;
      const config = row.config === null ? undefined : { ...table.config, ...row.config };
      const query = typeof row.query === 'function' ? await row.query(context) : row.query;
      const answer = await current.query({ module: module.name, ...query, ...(config ? { config } : {}) });
      const requests = fakes.flatMap((f) => f.fake.requests.map((r) => ({ ...r, vendor: f.host })));

      const error = expectedError(module, row, context);
      if (error !== undefined) {
        if (typeof error === 'string') assert.deepEqual(answer, { error });
        else {
          assert.equal(typeof answer['error'], 'string', `an error answer, not ${JSON.stringify(answer).slice(0, 500)}`);
          assert.match(answer['error'] as string, error);
          assert.deepEqual(Object.keys(answer), ['error']);
        }
      } else {
        assert.equal(answer['error'], undefined, `no error, got ${JSON.stringify(answer['error'])}`);
        if ('results' in answer) assertValidResults(answer, row.inputUuids ?? table.inputUuids ?? []);
        if (row.results !== undefined) assert.deepEqual(answer['results'], row.results);
      }
      row.requests?.(requests);
      await row.check?.(answer, requests, fakeDns?.queries.slice(dnsQueriesBefore) ?? [], context);
    }
  });
}

export interface FailureRowOptions {
  /** The query (and config) that reaches the vendor. */
  query: Record<string, unknown>;
  config?: Record<string, string | null>;
  /** The route the query calls, as in the vendor table (`GET /lookup/md5/:hash`); `* /*` by default. */
  route?: string;
  /** The vendor host, when the table has several. */
  host?: string;
  /** Expected errors, where the module's differ from the vendor client's defaults. */
  expect?: Partial<Record<'unauthorized' | 'rateLimited' | 'serverError' | 'malformed' | 'timeout', string | RegExp>>;
  /** Leave out rows that make no sense for this vendor (e.g. `unauthorized` for a keyless API). */
  skip?: Array<'unauthorized' | 'rateLimited' | 'serverError' | 'malformed' | 'timeout'>;
  /** The vendor's own error text carried into the answer; the fakes answer with it. */
  vendorMessage?: string;
}

/**
 * The vendor failures every module meets, as rows: 401, 429, 500, a 200 that
 * is not JSON, and an upstream that never answers (the query's timeout).
 */
export function vendorFailureRows(options: FailureRowOptions): ModuleTestRow[] {
  const route = options.route ?? '* /*';
  const said = options.vendorMessage ?? 'Something went wrong';
  const routes = (response: FakeResponse): Routes | Record<string, Routes> =>
    options.host ? { [options.host]: { [route]: response } } : { [route]: response };
  const base = { query: options.query, ...(options.config ? { config: options.config } : {}) };
  const rows: Array<[keyof NonNullable<FailureRowOptions['expect']>, ModuleTestRow]> = [
    ['unauthorized', { ...base, name: 'the vendor refuses the key (401)', routes: routes({ status: 401, json: { error: { message: said } } }), error: options.expect?.unauthorized ?? /refused the key|401/ }],
    ['rateLimited', { ...base, name: 'the vendor rate-limits (429)', routes: routes({ status: 429, headers: { 'retry-after': '60' }, json: { message: said } }), error: options.expect?.rateLimited ?? /rate limit|429/i }],
    ['serverError', { ...base, name: 'the vendor fails (500)', routes: routes({ status: 500, json: { message: said } }), error: options.expect?.serverError ?? /HTTP 500/ }],
    ['malformed', { ...base, name: 'the vendor answers malformed JSON', routes: routes({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"data": [tru' }), error: options.expect?.malformed ?? /invalid JSON|malformed/i }],
    ['timeout', { ...base, query: { ...options.query, timeout: 1 }, name: 'the vendor never answers (query timeout)', routes: routes({ hang: true }), error: options.expect?.timeout ?? 'Timeout.' }],
  ];
  return rows.filter(([kind]) => !options.skip?.includes(kind)).map(([, row]) => row);
}
