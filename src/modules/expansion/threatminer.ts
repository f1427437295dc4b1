/**
 * threatminer: what ThreatMiner knows about a domain, an IP address or a
 * file hash, asked as upstream does: `GET https://www.threatminer.org/
 * {domain,host,sample}.php?q=…&api=True&rt=N` for each report type, each
 * answer `{"status_code", "status_message", "results": […]}`. Legacy result:
 * one entry per (report, type), commented "<value>: Threatminer - <report>".
 *
 * Kept from upstream: the name, the input and report types (domain: whois,
 * pdns, uri, samples, subdomain, report; host: whois, pdns, uri, samples,
 * ssl, report; sample: file, network, detection, report), the comments and
 * the types given to each finding. ThreatMiner documents 10 requests a
 * minute: the requests are spaced so (admins can change it with
 * --vendor-limit ThreatMiner=N/PERIOD).
 * Fixed: every sample hash was offered as sha256 (ThreatMiner gives MD5, SHA-1
 * and SHA-256 alike): each is typed by its length. An IP's passive DNS lists
 * domains, which upstream looked for under "ip" and always missed. A sample's
 * report list was read as hashes (never matching): it gives links as the
 * domain/host report does. A sample's metadata also gives its other hashes,
 * ssdeep, imphash and authentihash (declared upstream, never sent). Upstream
 * skips every failed request silently: a report that fails is skipped as
 * long as another one answered, and when none did, the first failure is said
 * (service, HTTP status, its message). The queried value itself is not
 * offered back (a sample's metadata repeats it).
 */
import { defineModule } from '../../core/module.js';
import { findLegacyInput } from '../../core/query-helpers.js';
import { LegacyResultBuilder } from '../../misp/legacy-result.js';
import type { LegacyType } from '../../misp/types.js';

const INPUT_TYPES = ['domain', 'hostname', 'ip-dst', 'ip-src', 'md5', 'sha1', 'sha256', 'sha512'] as const;

type Json = Record<string, unknown>;
type Findings = Map<string, { types: LegacyType[]; report: string; values: Set<string> }>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** A hash's MISP type from its length (hex digits), or undefined. */
export function hashType(value: string): LegacyType | undefined {
  if (!/^[0-9a-f]+$/i.test(value)) return undefined;
  return ({ 32: 'md5', 40: 'sha1', 64: 'sha256', 128: 'sha512' } as Record<number, LegacyType>)[value.length];
}

type Reader = (results: unknown[], add: (types: LegacyType | LegacyType[], value: unknown) => void) => void;

const readers: Record<string, Reader> = {
  whois: (results, add) => {
    for (const result of results) add('whois-registrant-email', obj(obj(obj(result)['whois'])['emails'])['registrant']);
  },
  ip: (results, add) => {
    for (const result of results) add(['ip-src', 'ip-dst'], obj(result)['ip']);
  },
  hostPdns: (results, add) => {
    for (const result of results) add('domain', obj(result)['domain']);
  },
  uri: (results, add) => {
    for (const result of results) add('url', obj(result)['uri']);
  },
  hashes: (results, add) => {
    for (const result of results) if (typeof result === 'string') add(hashType(result.trim()) ?? 'text', result);
  },
  strings: (results, add) => {
    for (const result of results) add('domain', result);
  },
  x509: (results, add) => {
    for (const result of results) add('x509-fingerprint-sha1', result);
  },
  link: (results, add) => {
    for (const result of results) add('link', obj(result)['URL']);
  },
  file: (results, add) => {
    for (const result of results.map(obj)) {
      add('filename', result['file_name']);
      for (const type of ['md5', 'sha1', 'sha256', 'sha512', 'ssdeep', 'imphash', 'authentihash'] as const) add(type, result[type]);
    }
  },
  network: (results, add) => {
    for (const result of results.map(obj)) {
      for (const domain of Array.isArray(result['domains']) ? result['domains'] : []) add('domain', obj(domain)['domain']);
      for (const host of Array.isArray(result['hosts']) ? result['hosts'] : []) add(['ip-src', 'ip-dst'], host);
    }
  },
  detection: (results, add) => {
    for (const result of results.map(obj)) {
      for (const detection of Array.isArray(result['av_detections']) ? result['av_detections'] : []) add('text', obj(detection)['detection']);
    }
  },
};

/** Endpoint and report types by input type: [rt, reader, report name]. */
const QUERIES: Record<'domain' | 'host' | 'sample', ReadonlyArray<readonly [number, keyof typeof readers, string]>> = {
  domain: [[1, 'whois', 'whois'], [2, 'ip', 'pdns'], [3, 'uri', 'uri'], [4, 'hashes', 'samples'], [5, 'strings', 'subdomain'], [6, 'link', 'report']],
  host: [[1, 'whois', 'whois'], [2, 'hostPdns', 'pdns'], [3, 'uri', 'uri'], [4, 'hashes', 'samples'], [5, 'x509', 'ssl'], [6, 'link', 'report']],
  sample: [[1, 'file', 'file'], [3, 'network', 'network'], [6, 'detection', 'detection'], [7, 'link', 'report']],
};

function endpointFor(type: string): keyof typeof QUERIES {
  if (type === 'domain' || type === 'hostname') return 'domain';
  if (type === 'ip-src' || type === 'ip-dst') return 'host';
  return 'sample';
}

export default defineModule({
  name: 'threatminer',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1',
    author: 'KX499',
    description: 'Module to get information from ThreatMiner.',
    name: 'ThreatMiner Lookup',
    logo: 'threatminer.png',
    requirements: [],
    features:
      'This module takes a MISP attribute as input and queries ThreatMiner with it.\n\nThe result of this query is then parsed and some data is mapped ' +
      'into MISP attributes in order to enrich the input attribute.',
    references: ['https://www.threatminer.org/'],
    input: 'A MISP attribute included in the following list:\n- hostname\n- domain\n- ip-src\n- ip-dst\n- md5\n- sha1\n- sha256\n- sha512',
    output:
      'MISP attributes mapped from the result of the query on ThreatMiner, included in the following list:\n- domain\n- ip-src\n- ip-dst\n- text\n' +
      '- md5\n- sha1\n- sha256\n- sha512\n- ssdeep\n- authentihash\n- filename\n- whois-registrant-email\n- url\n- link',
  },
  attributes: {
    input: [...INPUT_TYPES],
    output: ['domain', 'ip-src', 'ip-dst', 'text', 'md5', 'sha1', 'sha256', 'sha512', 'ssdeep', 'imphash', 'authentihash', 'filename', 'whois-registrant-email', 'url', 'link', 'x509-fingerprint-sha1'],
  },
  async handle(query, ctx) {
    const input = findLegacyInput(query, INPUT_TYPES);
    if (!input) return new LegacyResultBuilder().toResults();
    const q = input.value.trim();
    const endpoint = endpointFor(input.type);
    const api = ctx.vendor({ name: 'ThreatMiner', baseUrl: 'https://www.threatminer.org', rateLimit: { requests: 10, intervalMs: 60_000 } });

    const findings: Findings = new Map();
    let answered = false;
    let firstFailure: unknown;
    for (const [rt, reader, report] of QUERIES[endpoint]) {
      let answer: unknown;
      try {
        answer = await api.get(`/${endpoint}.php`, { query: { q, api: 'True', rt } });
      } catch (error) {
        // A timeout of the whole query ends it; a failed report is skipped while others answer.
        if (ctx.signal.aborted) throw error;
        firstFailure ??= error;
        continue;
      }
      answered = true;
      const results = obj(answer)['results'];
      if (!Array.isArray(results) || results.length === 0) continue;
      readers[reader]!(results, (types, value) => {
        const text = str(value);
        if (!text || text === q) return;
        const list = Array.isArray(types) ? types : [types];
        const key = `${report}|${list.join(',')}`;
        const entry = findings.get(key) ?? { types: list, report, values: new Set<string>() };
        entry.values.add(text);
        findings.set(key, entry);
      });
    }
    if (!answered && firstFailure !== undefined) throw firstFailure;

    const result = new LegacyResultBuilder();
    for (const { types, report, values } of findings.values()) {
      result.add({ types, values: [...values], comment: `${q}: Threatminer - ${report}` });
    }
    return result.toResults();
  },
});
