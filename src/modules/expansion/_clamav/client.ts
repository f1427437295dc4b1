/**
 * A clamd client speaking the null-terminated command protocol: one command
 * per connection (`zVERSION`, `zINSTREAM`), the reply read until clamd closes
 * the connection or sends its terminating NUL.
 *
 * INSTREAM sends the data in chunks, each prefixed with its length as a 4-byte
 * big-endian integer, then a zero-length chunk. When the stream passes
 * clamd's StreamMaxLength, clamd answers `INSTREAM size limit exceeded. ERROR`
 * and closes the connection, possibly while we are still writing.
 */
import { connect, type Socket } from 'node:net';
import { AbortedError } from '../../../base/errors.js';
import type { ClamdTarget } from './connection.js';

const CHUNK = 64 * 1024;
/** Replies are short lines; a peer sending more is not clamd. */
const MAX_REPLY = 64 * 1024;

export class ClamdConnectionError extends Error {
  override readonly name = 'ClamdConnectionError';
}

function open(target: ClamdTarget, signal: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = target.kind === 'unix' ? connect({ path: target.path }) : connect({ host: target.host, port: target.port });
    const onAbort = () => {
      socket.destroy();
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(new ClamdConnectionError(error.message, { cause: error }));
    });
  });
}

/** Collects the reply up to the first NUL (or the end of the connection). */
function readReply(socket: Socket, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let writeError: Error | undefined;
    const finish = (error?: Error) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      const reply = Buffer.concat(chunks).toString('utf8');
      const end = reply.indexOf('\0');
      const text = (end === -1 ? reply : reply.slice(0, end)).trim();
      if (text !== '' || !error) resolve(text);
      else reject(error);
    };
    const onAbort = () => {
      socket.destroy();
      reject(new AbortedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (chunk.includes(0) || length > MAX_REPLY) finish();
    });
    socket.once('end', () => finish(writeError));
    socket.once('close', () => finish(writeError ?? new ClamdConnectionError('clamd closed the connection without a reply')));
    // A reset while we still write (the size limit) is answered by what clamd already sent.
    socket.on('error', (error) => {
      writeError = new ClamdConnectionError(error.message, { cause: error });
    });
  });
}

function write(socket: Socket, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** `zVERSION`: e.g. `ClamAV 1.0.7/27400/Tue Sep 24 08:32:16 2024`. */
export async function clamdVersion(target: ClamdTarget, signal: AbortSignal): Promise<string> {
  const socket = await open(target, signal);
  const reply = readReply(socket, signal);
  socket.write('zVERSION\0');
  return reply;
}

/** `zINSTREAM` with the content; returns clamd's raw reply line. */
export async function clamdInstream(target: ClamdTarget, data: Uint8Array, signal: AbortSignal): Promise<string> {
  const socket = await open(target, signal);
  const reply = readReply(socket, signal);
  try {
    await write(socket, Buffer.from('zINSTREAM\0'));
    for (let offset = 0; offset < data.length; offset += CHUNK) {
      const chunk = data.subarray(offset, offset + CHUNK);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(chunk.length);
      await write(socket, header);
      await write(socket, chunk);
    }
    await write(socket, Buffer.alloc(4));
  } catch {
    // clamd stopped reading (size limit, error); its reply says why.
  }
  return reply;
}
