/**
 * A small MaxMind DB writer for tests, written from the format specification
 * (https://maxmind.github.io/MaxMind-DB/): a binary search tree over the
 * inserted networks (24-bit records), a 16-byte separator, the data section,
 * then the metadata map after the "\xAB\xCD\xEFMaxMind.com" marker.
 *
 * IPv6 databases hold IPv4 networks in ::/96 (the first 96 bits zero), as
 * MaxMind's own databases do. Overlapping networks are refused.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A number encoded as an IEEE-754 double (latitude, longitude). */
export class MmdbDouble {
  constructor(readonly value: number) {}
}
/** An unsigned integer with a chosen width (uint32 is the default for integers). */
export class MmdbUint {
  constructor(
    readonly value: number | bigint,
    readonly bits: 16 | 32 | 64 | 128,
  ) {}
}

export type MmdbValue = string | number | boolean | MmdbDouble | MmdbUint | Uint8Array | MmdbValue[] | { [key: string]: MmdbValue };

export const double = (value: number): MmdbDouble => new MmdbDouble(value);
export const uint = (value: number | bigint, bits: 16 | 32 | 64 | 128 = 32): MmdbUint => new MmdbUint(value, bits);

export interface MmdbOptions {
  databaseType: string;
  ipVersion?: 4 | 6;
  languages?: string[];
  description?: Record<string, string>;
}

export interface MmdbNetwork {
  /** CIDR: "81.2.69.0/24", "2001:db8::/32". */
  network: string;
  data: MmdbValue;
}

// --- data section encoding ------------------------------------------------

const TYPE = { pointer: 1, string: 2, double: 3, bytes: 4, uint16: 5, uint32: 6, map: 7, int32: 8, uint64: 9, uint128: 10, array: 11, boolean: 14 } as const;

/** Control byte(s): type in the top 3 bits (extended types in a second byte), size in the low 5 bits and following bytes. */
function control(type: number, size: number): Buffer {
  const bytes: number[] = [];
  let sizeBits: number;
  const extra: number[] = [];
  if (size < 29) sizeBits = size;
  else if (size < 29 + 256) {
    sizeBits = 29;
    extra.push(size - 29);
  } else if (size < 285 + 65536) {
    sizeBits = 30;
    const s = size - 285;
    extra.push(s >> 8, s & 0xff);
  } else {
    sizeBits = 31;
    const s = size - 65821;
    extra.push((s >> 16) & 0xff, (s >> 8) & 0xff, s & 0xff);
  }
  if (type <= 7) bytes.push((type << 5) | sizeBits);
  else bytes.push(sizeBits, type - 7);
  return Buffer.from([...bytes, ...extra]);
}

function uintBytes(value: bigint): Buffer {
  const out: number[] = [];
  let v = value;
  while (v > 0n) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return Buffer.from(out);
}

export function encodeValue(value: MmdbValue): Buffer {
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([control(TYPE.string, bytes.length), bytes]);
  }
  if (typeof value === 'boolean') return control(TYPE.boolean, value ? 1 : 0);
  if (value instanceof MmdbDouble) {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleBE(value.value);
    return Buffer.concat([control(TYPE.double, 8), bytes]);
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return encodeValue(double(value));
    if (value < 0) {
      const bytes = Buffer.alloc(4);
      bytes.writeInt32BE(value);
      return Buffer.concat([control(TYPE.int32, 4), bytes]);
    }
    return encodeValue(uint(value));
  }
  if (value instanceof MmdbUint) {
    const bytes = uintBytes(BigInt(value.value));
    const type = { 16: TYPE.uint16, 32: TYPE.uint32, 64: TYPE.uint64, 128: TYPE.uint128 }[value.bits];
    return Buffer.concat([control(type, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([control(TYPE.bytes, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([control(TYPE.array, value.length), ...value.map(encodeValue)]);
  const entries = Object.entries(value);
  return Buffer.concat([control(TYPE.map, entries.length), ...entries.flatMap(([k, v]) => [encodeValue(k), encodeValue(v)])]);
}

// --- search tree -----------------------------------------------------------

type Record_ = { kind: 'empty' } | { kind: 'node'; node: TreeNode } | { kind: 'data'; offset: number };
interface TreeNode {
  records: [Record_, Record_];
  index: number;
}

function addressBits(network: string, ipVersion: 4 | 6): { bits: number[]; prefix: number } {
  const [address, prefixText] = network.split('/');
  if (!address || prefixText === undefined) throw new Error(`Not a CIDR network: ${network}`);
  let prefix = Number(prefixText);
  let bytes: number[];
  if (isIPv4(address)) {
    bytes = address.split('.').map(Number);
    if (ipVersion === 6) {
      bytes = [...new Array<number>(12).fill(0), ...bytes];
      prefix += 96;
    }
  } else if (isIPv6(address)) {
    if (ipVersion === 4) throw new Error(`IPv6 network ${network} in an IPv4 database`);
    bytes = ipv6Bytes(address);
  } else throw new Error(`Not an IP network: ${network}`);
  const bits = bytes.flatMap((b) => [7, 6, 5, 4, 3, 2, 1, 0].map((i) => (b >> i) & 1));
  return { bits, prefix };
}

function ipv6Bytes(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function newNode(): TreeNode {
  return { records: [{ kind: 'empty' }, { kind: 'empty' }], index: -1 };
}

/** Builds the whole .mmdb file. */
export function buildMmdb(networks: readonly MmdbNetwork[], options: MmdbOptions): Buffer {
  const ipVersion = options.ipVersion ?? 6;
  const root = newNode();
  const dataParts: Buffer[] = [];
  let dataLength = 0;
  for (const { network, data } of networks) {
    const encoded = encodeValue(data);
    const offset = dataLength;
    dataParts.push(encoded);
    dataLength += encoded.length;
    const { bits, prefix } = addressBits(network, ipVersion);
    if (prefix < 1) throw new Error('A network needs a prefix of at least 1 bit');
    let node = root;
    for (let depth = 0; depth < prefix - 1; depth++) {
      const bit = bits[depth]!;
      const record = node.records[bit]!;
      if (record.kind === 'data') throw new Error(`${network} overlaps a network already inserted`);
      if (record.kind === 'empty') node.records[bit] = { kind: 'node', node: newNode() };
      node = (node.records[bit] as { node: TreeNode }).node;
    }
    const last = bits[prefix - 1]!;
    if (node.records[last]!.kind !== 'empty') throw new Error(`${network} overlaps a network already inserted`);
    node.records[last] = { kind: 'data', offset };
  }
  // Number the nodes breadth-first; the root is node 0.
  const ordered: TreeNode[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const node = queue.shift()!;
    node.index = ordered.length;
    ordered.push(node);
    for (const r of node.records) if (r.kind === 'node') queue.push(r.node);
  }
  const nodeCount = ordered.length;
  const tree = Buffer.alloc(nodeCount * 6);
  const recordValue = (r: Record_): number =>
    r.kind === 'empty' ? nodeCount : r.kind === 'node' ? r.node.index : nodeCount + 16 + r.offset;
  for (const node of ordered) {
    tree.writeUIntBE(recordValue(node.records[0]), node.index * 6, 3);
    tree.writeUIntBE(recordValue(node.records[1]), node.index * 6 + 3, 3);
  }
  const metadata = encodeValue({
    binary_format_major_version: uint(2, 16),
    binary_format_minor_version: uint(0, 16),
    build_epoch: uint(1_700_000_000n, 64),
    database_type: options.databaseType,
    description: options.description ?? { en: `${options.databaseType} test database` },
    ip_version: uint(ipVersion, 16),
    languages: options.languages ?? ['en'],
    node_count: uint(nodeCount, 32),
    record_size: uint(24, 16),
  });
  return Buffer.concat([
    tree,
    Buffer.alloc(16),
    ...dataParts,
    Buffer.from('ABCDEF4D61784D696E642E636F6D', 'hex'),
    metadata,
  ]);
}
