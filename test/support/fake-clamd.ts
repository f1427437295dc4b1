/**
 * A fake clamd for tests: a real TCP (127.0.0.1) or unix-socket server that
 * speaks clamd's command protocol (`z`-prefixed NUL-terminated and
 * `n`-prefixed newline-terminated commands): VERSION, PING and INSTREAM with
 * 4-byte big-endian chunk lengths and a zero-length terminator. It "detects"
 * the EICAR test string and answers as clamd does, including the
 * StreamMaxLength refusal (`INSTREAM size limit exceeded. ERROR`, then close).
 */
import { createServer, type Server, type Socket } from 'node:net';

export const FAKE_VERSION = 'ClamAV 1.4.1/27500/Wed Jan  1 09:00:00 2025';
const EICAR_MARK = Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST');

export interface FakeClamdOptions {
  /** Unix socket path; otherwise TCP on 127.0.0.1 with a free port. */
  socketPath?: string;
  /** StreamMaxLength: larger streams are refused. Default 1 MiB. */
  maxStreamBytes?: number;
  /** Answer every INSTREAM with `stream: <reason> ERROR`. */
  scanError?: string;
}

export interface FakeClamd {
  /** The module's `connection` setting for this server. */
  connection: string;
  /** Every command received, in order (`VERSION`, `INSTREAM`, …). */
  commands: string[];
  /** The bytes of each INSTREAM received in full. */
  streams: Buffer[];
  close(): Promise<void>;
}

type Reply = (text: string) => void;

/** Parses one connection: a command, then (for INSTREAM) the chunked stream. */
function serve(socket: Socket, options: Required<Omit<FakeClamdOptions, 'socketPath' | 'scanError'>> & FakeClamdOptions, state: FakeClamd): void {
  let buffer = Buffer.alloc(0);
  let command: string | undefined;
  let terminator = '\0';
  const chunks: Buffer[] = [];
  let streamed = 0;
  let done = false;
  const reply: Reply = (text) => {
    done = true;
    socket.end(text + terminator);
  };

  const step = (): void => {
    if (done) return;
    if (command === undefined) {
      const prefix = buffer[0];
      if (prefix === undefined) return;
      terminator = prefix === 0x6e /* n */ ? '\n' : '\0';
      const end = buffer.indexOf(terminator === '\n' ? 0x0a : 0x00);
      if (end === -1) return;
      command = buffer.subarray(prefix === 0x7a || prefix === 0x6e ? 1 : 0, end).toString('ascii');
      buffer = buffer.subarray(end + 1);
      state.commands.push(command);
      if (command === 'VERSION') return reply(FAKE_VERSION);
      if (command === 'PING') return reply('PONG');
      if (command !== 'INSTREAM') return reply('UNKNOWN COMMAND');
    }
    while (buffer.length >= 4) {
      const length = buffer.readUInt32BE(0);
      if (length === 0) {
        const data = Buffer.concat(chunks);
        state.streams.push(data);
        if (options.scanError) return reply(`stream: ${options.scanError} ERROR`);
        return reply(data.includes(EICAR_MARK) ? 'stream: Eicar-Signature FOUND' : 'stream: OK');
      }
      if (streamed + length > options.maxStreamBytes) {
        // clamd answers and drops the connection at once, with data still arriving.
        done = true;
        socket.write('INSTREAM size limit exceeded. ERROR' + terminator, () => socket.destroy());
        return;
      }
      if (buffer.length < 4 + length) return;
      chunks.push(Buffer.from(buffer.subarray(4, 4 + length)));
      streamed += length;
      buffer = buffer.subarray(4 + length);
    }
  };

  socket.on('data', (data: Buffer) => {
    buffer = Buffer.concat([buffer, data]);
    step();
  });
  socket.on('error', () => undefined);
}

export async function startFakeClamd(options: FakeClamdOptions = {}): Promise<FakeClamd> {
  const state: FakeClamd = { connection: '', commands: [], streams: [], close: async () => undefined };
  const settings = { maxStreamBytes: 1024 * 1024, ...options };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, settings, state);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.socketPath) server.listen(options.socketPath, resolve);
    else server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  state.connection =
    options.socketPath !== undefined ? `unix://${options.socketPath}` : typeof address === 'object' && address ? `127.0.0.1:${address.port}` : '';
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
