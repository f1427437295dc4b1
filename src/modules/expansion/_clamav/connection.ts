/**
 * Where clamd listens, from the `connection` setting: `unix:///path/to/clamd.ctl`
 * or `host:port` (`[::1]:3310` for IPv6), as upstream accepts.
 */
import { isIPv6 } from 'node:net';
import { ModuleError } from '../../../base/errors.js';

export type ClamdTarget = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export const INVALID_CONNECTION =
  "ClamAV connection string is invalid. It must be unix socket path with 'unix://' prefix or IP:PORT.";

export function parseConnection(value: string): ClamdTarget {
  const text = value.trim();
  if (text.startsWith('unix://')) {
    const path = text.slice('unix://'.length);
    if (path === '') throw new ModuleError(INVALID_CONNECTION);
    return { kind: 'unix', path };
  }
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  const plain = /^([^:\s]+):(\d+)$/.exec(text);
  const match = bracketed && isIPv6(bracketed[1]!) ? bracketed : plain;
  const port = match ? Number(match[2]) : NaN;
  if (!match || !Number.isInteger(port) || port < 1 || port > 65535) throw new ModuleError(INVALID_CONNECTION);
  return { kind: 'tcp', host: match[1]!, port };
}

export function describeTarget(target: ClamdTarget): string {
  return target.kind === 'unix' ? `unix://${target.path}` : `${target.host}:${target.port}`;
}
