// Preloaded (node --import) into a process and every thread it starts: any
// attempt to reach the network is reported on stderr and fails.
import dns from 'node:dns';
import net from 'node:net';
import { writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

function refuse(what) {
  writeSync(2, `NETWORK ATTEMPT (thread ${threadId}): ${what}\n`);
  throw new Error(`network access refused in this test: ${what}`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // Node calls connect with its normalised [options, callback] pair as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (options.path === undefined) refuse(`connect ${options.host ?? 'localhost'}:${options.port}`);
  return connect.apply(this, args);
};
dns.lookup = (host) => refuse(`dns.lookup ${host}`);
dns.promises.lookup = async (host) => refuse(`dns.promises.lookup ${host}`);
globalThis.fetch = async (url) => refuse(`fetch ${url}`);
