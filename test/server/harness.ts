/**
 * Starts a real server on 127.0.0.1:0 and talks HTTP to it (undici.request,
 * not fetch: fetch refuses port 6666 and hides raw status handling).
 */
import { Writable } from 'node:stream';
import { request } from 'undici';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { ServerSettings } from '../../src/server/settings.js';
import { builtinModules } from '../../src/modules/index.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

/** Collects every log line the server writes. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
    callback();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface TestServer {
  server: RunningServer;
  logs: LogCapture;
  url: string;
  get(path: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  post(path: string, body: string | Buffer | object, headers?: Record<string, string>): Promise<HttpAnswer>;
  send(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<HttpAnswer>;
  query(body: object): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export async function startTestServer(
  options: { extraModules?: ModuleDefinition[]; settings?: Partial<ServerSettings>; builtins?: ModuleDefinition[]; webPageDir?: string } = {},
): Promise<TestServer> {
  const logs = new LogCapture();
  const server = await startServer({
    settings: { port: 0, logLevel: 'debug', ...options.settings },
    // Left unset when the test adds nothing, so the server loads its built-ins itself (as in production).
    ...(options.builtins || options.extraModules ? { builtins: [...(options.builtins ?? builtinModules), ...(options.extraModules ?? [])] } : {}),
    logDestination: logs,
    prettyLogs: false,
    ...(options.webPageDir ? { webPageDir: options.webPageDir } : {}),
  });
  const url = server.url;
  const send = async (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<HttpAnswer> => {
    const res = await request(url + path, { method: method as 'GET', body, headers });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
  };
  return {
    server,
    logs,
    url,
    get: (path, headers) => send('GET', path, undefined, headers),
    post: (path, body, headers = { 'content-type': 'application/json' }) =>
      send('POST', path, typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), headers),
    send,
    async query(body) {
      const answer = await send('POST', '/query', JSON.stringify(body), { 'content-type': 'application/json' });
      if (answer.status !== 200) throw new Error(`POST /query answered ${answer.status}: ${answer.text}`);
      return answer.json() as Record<string, unknown>;
    },
    close: () => server.close(),
  };
}
