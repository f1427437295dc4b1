/**
 * A fake DNS server on 127.0.0.1 (UDP, and TCP on the same port when asked)
 * answering from a zone map, for the DNS client and module tests:
 *
 *   const dns = await startFakeDns({
 *     'www.example.org': { A: ['192.0.2.10'], AAAA: ['2001:db8::10'] },
 *     'alias.example.org': { CNAME: 'www.example.org' },
 *     'broken.example.org': { rcode: 'SERVFAIL' },
 *     'slow.example.org': { silent: true },        // never answers: timeouts
 *     'late.example.org': { A: ['192.0.2.30'], delayMs: 150 }, // answers after 150 ms
 *   });
 *   ctx.dns.resolve4('www.example.org', { nameservers: [dns.address] });
 *
 * Unknown names get NXDOMAIN; a known name without records of the asked
 * type gets an empty NOERROR answer (NODATA). Names match case-insensitively.
 */
import { createSocket, type RemoteInfo } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import dnsPacket, { type Answer, type DecodedPacket, type Question } from 'dns-packet';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  MX?: Array<{ exchange: string; priority: number }>;
  TXT?: Array<string | string[]>;
  NS?: string[];
  PTR?: string[];
  /** Answer every query for this name with this error code. */
  rcode?: 'SERVFAIL' | 'REFUSED' | 'NXDOMAIN';
  /** Never answer queries for this name (the client times out). */
  silent?: boolean;
  /** Answer UDP queries for this name after this many milliseconds (`peakPending` counts them meanwhile). */
  delayMs?: number;
}

export type Zone = Record<string, ZoneEntry>;

export interface RecordedQuery {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface FakeDns {
  /** `127.0.0.1:PORT`, the form `nameservers` takes. */
  address: string;
  host: '127.0.0.1';
  port: number;
  queries: RecordedQuery[];
  /** The most delayed (`delayMs`) queries waiting for their answer at one time: how many a client had in flight. */
  readonly peakPending: number;
  close(): Promise<void>;
}

export interface FakeDnsOptions {
  /** Also serve DNS over TCP on the same port. */
  tcp?: boolean;
  ttl?: number;
}

const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** Builds the answer for one query, or undefined to stay silent. */
export function answerQuery(zone: Zone, query: DecodedPacket, ttl: number): Buffer | undefined {
  const question = query.questions?.[0];
  const entries = new Map(Object.entries(zone).map(([name, entry]) => [normalise(name), entry]));
  const reply = (rcode: number, answers: Answer[] = []): Buffer =>
    dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: query.questions ?? [],
      answers,
    });
  if (!question) return reply(1); // FORMERR
  const entry = entries.get(normalise(question.name));
  if (entry?.silent) return undefined;
  if (!entry) return reply(RCODES.NXDOMAIN);
  if (entry.rcode) return reply(RCODES[entry.rcode]);
  return reply(RCODES.NOERROR, records(entries, question, ttl));
}

function records(entries: Map<string, ZoneEntry>, question: Question, ttl: number): Answer[] {
  const answers: Answer[] = [];
  let name = normalise(question.name);
  // Follow CNAME chains inside the zone, as a recursive resolver would.
  for (let depth = 0; depth < 8; depth += 1) {
    const entry = entries.get(name);
    if (!entry) break;
    const base = { name, ttl, class: 'IN' as const };
    if (entry.CNAME && question.type !== 'CNAME') {
      answers.push({ ...base, type: 'CNAME', data: entry.CNAME });
      name = normalise(entry.CNAME);
      continue;
    }
    switch (question.type) {
      case 'A':
      case 'AAAA':
      case 'NS':
      case 'PTR':
        for (const data of entry[question.type] ?? []) answers.push({ ...base, type: question.type, data });
        break;
      case 'CNAME':
        if (entry.CNAME) answers.push({ ...base, type: 'CNAME', data: entry.CNAME });
        break;
      case 'MX':
        for (const mx of entry.MX ?? []) answers.push({ ...base, type: 'MX', data: { exchange: mx.exchange, preference: mx.priority } });
        break;
      case 'TXT':
        for (const txt of entry.TXT ?? []) answers.push({ ...base, type: 'TXT', data: txt });
        break;
      default:
        break;
    }
    break;
  }
  return answers;
}

export async function startFakeDns(zone: Zone, options: FakeDnsOptions = {}): Promise<FakeDns> {
  // With TCP, the port UDP got may be taken for TCP: try a few ports.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await listen(zone, options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw error;
    }
  }
}

async function listen(zone: Zone, options: FakeDnsOptions): Promise<FakeDns> {
  const ttl = options.ttl ?? 300;
  const queries: RecordedQuery[] = [];
  const udp = createSocket('udp4');

  const respond = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | undefined => {
    let query: DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return undefined;
    }
    for (const q of query.questions ?? []) queries.push({ name: q.name, type: q.type, transport });
    return answerQuery(zone, query, ttl);
  };

  let pending = 0;
  let peakPending = 0;
  const timers = new Set<NodeJS.Timeout>();
  const delayOf = (message: Buffer): number => {
    try {
      const name = dnsPacket.decode(message).questions?.[0]?.name;
      const entry = name === undefined ? undefined : Object.entries(zone).find(([n]) => normalise(n) === normalise(name))?.[1];
      return entry?.delayMs ?? 0;
    } catch {
      return 0;
    }
  };

  udp.on('message', (message: Buffer, peer: RemoteInfo) => {
    const answer = respond(message, 'udp');
    if (!answer) return;
    const delay = delayOf(message);
    if (delay <= 0) {
      udp.send(answer, peer.port, peer.address);
      return;
    }
    pending += 1;
    peakPending = Math.max(peakPending, pending);
    const timer = setTimeout(() => {
      timers.delete(timer);
      pending -= 1;
      udp.send(answer, peer.port, peer.address);
    }, delay);
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = udp.address();

  let tcp: Server | undefined;
  const sockets = new Set<Socket>();
  if (options.tcp) {
    tcp = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      let pending = Buffer.alloc(0);
      socket.on('data', (data: Buffer) => {
        pending = Buffer.concat([pending, data]);
        // DNS over TCP: each message is prefixed by its 16-bit length.
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          const size = pending.readUInt16BE(0);
          const answer = respond(pending.subarray(2, 2 + size), 'tcp');
          pending = pending.subarray(2 + size);
          if (answer) {
            const prefix = Buffer.alloc(2);
            prefix.writeUInt16BE(answer.length);
            socket.write(Buffer.concat([prefix, answer]));
          }
        }
      });
    });
    const server = tcp;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => {
        udp.close();
        reject(error);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  }

  return {
    address: `127.0.0.1:${port}`,
    host: '127.0.0.1',
    port: tcp ? (tcp.address() as AddressInfo).port : port,
    queries,
    get peakPending() {
      return peakPending;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        tcp ? new Promise<void>((resolve) => tcp.close(() => resolve())) : Promise.resolve(),
      ]);
    },
  };
}
