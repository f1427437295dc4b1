/**
 * ransomcoindb: bitcoin addresses of ransomware samples, and samples of a
 * bitcoin address, from ransomcoinDB. Asks
 * `GET https://ransomcoindb.concinnity-risks.com/api/v1/bin2btc/<value>` (a
 * btc address) or `…/bin2btc/{md5|sha1|sha256}/<hash>` with the key in
 * `x-api-key`.
 *
 * Kept from upstream: the name, `api-key` (checked before anything else,
 * the input included: "Ransomcoindb API key is missing"), the input types, the attribute check
 * (a type and a value; no uuid needed), "Unsupported attribute type.", a btc
 * address answering one `file` object (md5, sha1, sha256) per sample, a hash
 * answering its btc addresses.
 * Fixed: upstream answers a hash with a legacy entry (`{"types": "btc", …}`)
 * inside a misp_standard result, which MISP cannot read: the addresses are
 * btc attributes; duplicates are given once; a 404 is "nothing known" (an
 * empty result) and any other vendor failure says so (ransomcoinDB, the HTTP
 * status, its message) instead of crashing on the error body.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const INPUT_TYPES = ['sha1', 'sha256', 'md5', 'btc'] as const;
type InputType = (typeof INPUT_TYPES)[number];

const MESSAGES = defineMessages({
  noKey: 'Ransomcoindb API key is missing',
  noAttribute: 'This module requires an "attribute" field as input, containing at least a "type" field and a "value" field.',
  unsupported: 'Unsupported attribute type.',
});

/** One row of bin2btc: a sample and an address it pays to. */
interface Bin2BtcRow {
  md5?: string;
  sha1?: string;
  sha256?: string;
  btc?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export default defineModule({
  name: 'ransomcoindb',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Aaron Kaplan',
    description: 'Module to access the ransomcoinDB (see https://ransomcoindb.concinnity-risks.com)',
    name: 'RandomcoinDB Lookup',
    logo: '',
    requirements: ['A ransomcoinDB API key.'],
    features:
      'The module takes either a hash attribute or a btc attribute as input to query the ransomcoinDB API for some additional ' +
      'data.\n\nIf the input is a btc address, we will get the associated hashes returned in a file MISP object. If we query ' +
      'ransomcoinDB with a hash, the response contains the associated btc addresses returned as single MISP btc attributes.',
    references: ['https://ransomcoindb.concinnity-risks.com'],
    input: 'A hash (md5, sha1 or sha256) or btc attribute.',
    output: 'Hashes associated to a btc address or btc addresses associated to a hash.',
  },
  config: { 'api-key': { description: 'ransomcoinDB API key (sent as x-api-key)', secret: true } },
  attributes: { input: [...INPUT_TYPES], output: ['btc', 'sha1', 'sha256', 'md5', 'freetext'], format: 'misp_standard' },
  // Upstream checks the key before the attribute (its own test relies on it): the module checks its input itself.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = ctx.vendor({
      name: 'ransomcoinDB',
      baseUrl: 'https://ransomcoindb.concinnity-risks.com/api/v1',
      auth: { in: 'header', header: 'x-api-key', setting: 'api-key' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { 'content-type': 'application/json' },
    });
    api.requireKey();
    const attribute = query['attribute'] as Record<string, unknown> | undefined;
    const type = attribute?.['type'];
    const value = text(attribute?.['value']);
    if (typeof attribute !== 'object' || attribute === null || typeof type !== 'string' || value === undefined) throw MESSAGES.error('noAttribute');
    if (!(INPUT_TYPES as readonly string[]).includes(type)) throw MESSAGES.error('unsupported');

    const path = type === 'btc' ? `/bin2btc/${encodeURIComponent(value)}` : `/bin2btc/${type}/${encodeURIComponent(value)}`;
    const answer = await api.find<unknown>(path);
    const rows = (Array.isArray(answer) ? answer : []).filter((row): row is Bin2BtcRow => typeof row === 'object' && row !== null);

    const result = new MispResultBuilder();
    if ((type as InputType) === 'btc') {
      for (const row of rows) {
        const relations = [['md5', text(row.md5)], ['sha1', text(row.sha1)], ['sha256', text(row.sha256)]] as const;
        if (relations.every(([, hash]) => hash === undefined)) continue;
        result.addObject('file', relations);
      }
    } else {
      for (const btc of new Set(rows.map((row) => text(row.btc)).filter((btc): btc is string => btc !== undefined))) {
        result.addAttribute({ type: 'btc', value: btc });
      }
    }
    return result.toResults();
  },
});
