/**
 * The `file` object PyMISP's make_binary_objects builds for some bytes:
 * filename, size, entropy, hashes, the file itself as malware-sample,
 * MIME type and ssdeep. The malware-sample gets `malware_filename` and
 * `encrypt: true` from MispResultBuilder, as PyMISP's attribute does, so that
 * MISP zips it. (PyMISP also adds pe/elf/macho objects through lief;
 * this port does not parse executables.)
 */
import { createHash } from 'node:crypto';
import type { RelationEntry } from '../../../misp/standard-result.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { sniffMimeType } from './mimetype.js';
import { pythonFloat } from './python-format.js';
import { ssdeep } from './ssdeep.js';

export type FileRelation = RelationOf<'file'>;

/** pefile's entropy, summed in the order byte values first occur (as Python's Counter does). */
export function shannonEntropy(data: Uint8Array): number {
  if (data.length === 0) return 0;
  const counts = new Array<number>(256).fill(0);
  const order: number[] = [];
  for (const byte of data) {
    if (counts[byte] === 0) order.push(byte);
    counts[byte]!++;
  }
  let entropy = 0;
  for (const byte of order) {
    const p = counts[byte]! / data.length;
    entropy -= p * (Math.log(p) / Math.log(2));
  }
  return entropy;
}

const hex = (algorithm: string, data: Uint8Array): string => createHash(algorithm).update(data).digest('hex');

/** Relations of a `file` object describing `data` named `filename`, in PyMISP's order. */
export function binaryFileRelations(filename: string, data: Uint8Array): Array<RelationEntry<FileRelation>> {
  const relations: Array<RelationEntry<FileRelation>> = [
    ['filename', filename],
    ['size-in-bytes', data.length],
  ];
  if (data.length === 0) return relations;
  relations.push(
    ['entropy', pythonFloat(shannonEntropy(data))],
    ['md5', hex('md5', data)],
    ['sha1', hex('sha1', data)],
    ['sha256', hex('sha256', data)],
    ['sha512', hex('sha512', data)],
    { relation: 'malware-sample', value: filename, data, disable_correlation: true },
    ['mimetype', sniffMimeType(data)],
    ['ssdeep', ssdeep(data)],
  );
  return relations;
}
