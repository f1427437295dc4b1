/**
 * The first steps of SSH (RFC 4253 §4.2 and §7.1) as upstream's
 * ssh_fingerprint performs them: read the server's version line, send ours,
 * read the server's first binary packet, which is its SSH_MSG_KEXINIT.
 */
import { createHash } from 'node:crypto';
import type { Connection } from '../../../net/types.js';

export const CLIENT_VERSION = 'SSH-2.0-MISP_Fingerprint_Module\r\n';
/** RFC 4253 §4.2: at most 255 characters with CR LF. */
const MAX_LINE = 256;
/** Lines a server may send before its version line (RFC 4253 §4.2), bounded. */
const MAX_PRE_LINES = 16;
/** RFC 4253 §6.1: implementations must accept packets of 35000 bytes. */
const MAX_PACKET = 35_000;
const SSH_MSG_KEXINIT = 20;

export interface SshGreeting {
  /** The server's version line, e.g. `SSH-2.0-OpenSSH_9.6`; undefined when none came. */
  banner: string | undefined;
  /** sha256 (hex) of the server's KEXINIT packet; undefined when it sent none. */
  kexHash: string | undefined;
}

/** The server's version line (without CR LF); undefined when it closes or sends something else. */
async function readVersionLine(connection: Connection): Promise<string | undefined> {
  for (let i = 0; i <= MAX_PRE_LINES; i += 1) {
    const line = await connection.readLine(MAX_LINE);
    if (line === undefined) return undefined;
    const text = line.toString('utf8').trim();
    if (text.startsWith('SSH-')) return text;
  }
  return undefined;
}

/** The whole binary packet (length field included) when it is a KEXINIT; undefined otherwise. */
async function readKexInit(connection: Connection): Promise<Buffer | undefined> {
  const head = await connection.readExactly(4);
  if (head === undefined) return undefined;
  const length = head.readUInt32BE(0);
  if (length < 2 || length > MAX_PACKET) return undefined;
  const rest = await connection.readExactly(length);
  if (rest === undefined || rest[1] !== SSH_MSG_KEXINIT) return undefined;
  return Buffer.concat([head, rest]);
}

export async function sshGreeting(connection: Connection): Promise<SshGreeting> {
  const banner = await readVersionLine(connection);
  if (banner === undefined) return { banner: undefined, kexHash: undefined };
  await connection.write(CLIENT_VERSION);
  const kexInit = await readKexInit(connection);
  return { banner, kexHash: kexInit && createHash('sha256').update(kexInit).digest('hex') };
}
