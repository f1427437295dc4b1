/**
 * ThreatAnalyzer analysis.json → legacy import entries (upstream's
 * process_analysis_json): connections, HTTP requests and headers, DNS
 * requests, registry values and stored files, per analysed process.
 */
import type { LegacyEntryInput } from '../../../misp/legacy-result.js';
import type { LegacyType } from '../../../misp/types.js';
import { isRecord, list, rec, str, type Json } from '../../_shared/joe/json.js';
import { cleanupFilepath, cleanupHostname, cleanupIp, cleanupRegdata, cleanupRegkey, cleanupUrl } from './cleanup.js';

export type Entry = LegacyEntryInput & { values: string };

const entry = (type: LegacyType, values: string, extra: Omit<Partial<LegacyEntryInput>, 'types' | 'values'> = {}): Entry => ({
  types: [type], values, to_ids: true, comment: '', ...extra,
});

/** True when the JSON looks like a ThreatAnalyzer analysis. */
export function isThreatAnalyzerAnalysis(json: unknown): json is Json {
  return isRecord(json) && isRecord(json['analysis']);
}

export function* analysisEntries(json: Json): Generator<Entry> {
  for (const process of list(rec(json, 'analysis')['processes'], 'process')) {
    for (const connection of list(rec(process, 'connection_section'), 'connection')) yield* connectionEntries(connection);
    yield* dnsEntries(process);
    yield* connectEntries(process);
    yield* registryEntries(process);
    yield* storedFileEntries(process, 'stored_created_file', '');
    yield* storedFileEntries(process, 'stored_modified_file', 'modified');
  }
}

function* connectionEntries(connection: Json): Generator<Entry> {
  let remoteIp = str(connection['@remote_ip']);
  let remoteHost = str(connection['@remote_hostname']);
  if (isRecord(connection['name_to_ip'])) {
    // ThreatAnalyzer 6.1 format
    remoteIp = str(connection['name_to_ip']['@result_addresses']);
    remoteHost = str(connection['name_to_ip']['@request_name']);
  }
  const ip = cleanupIp(remoteIp);
  const host = cleanupHostname(remoteHost);
  if (ip && host) yield entry('domain|ip', `${host}|${ip}`, { categories: ['Network activity'] });
  else if (ip) yield entry('ip-dst', ip);
  else if (host) yield entry('hostname', host);

  for (const command of list(connection, 'http_command')) {
    const url = cleanupUrl(str(command['@url']));
    if (url) yield entry('url', url, { categories: ['Network activity'], comment: str(command['@method']) ?? '' });
  }
  for (const header of list(connection, 'http_header')) {
    const text = str(header['@header']) ?? '';
    if (text.includes('User-Agent:')) {
      yield entry('user-agent', text.slice('User-Agent: '.length), { categories: ['Network activity'], to_ids: false });
    } else if (text.includes('Host:')) {
      yield* hostHeaderEntries(text.slice('Host: '.length));
    }
  }
}

function* hostHeaderEntries(value: string): Generator<Entry> {
  let host = value;
  if (value.includes(':')) {
    const [name = '', portText = ''] = value.split(':');
    const port = /^\s*[+-]?\d+\s*$/.test(portText) ? Number.parseInt(portText, 10) : 0;
    const hostname = cleanupHostname(name);
    const ip = cleanupIp(name);
    if (hostname && port) yield entry('hostname|port', `${hostname}|${port}`, { categories: ['Network activity'] });
    else if (ip && port) yield entry('ip-dst|port', `${ip}|${port}`);
    else return;
    // Upstream then offers "host:port" itself as a hostname; the host alone is the hostname.
    host = name;
  }
  const hostname = cleanupHostname(host);
  if (hostname) yield entry('hostname', hostname);
}

function* dnsEntries(process: Json): Generator<Entry> {
  for (const request of list(rec(process, 'networkoperation_section'), 'dns_request_by_name')) {
    const name = cleanupHostname(str(request['@request_name'])?.replace(/\.+$/, ''));
    const ip = cleanupIp(str(request['@result_addresses']));
    if (name && ip) yield entry('domain|ip', `${name}|${ip}`, { categories: ['Network activity'] });
    else if (name) yield entry('hostname', name);
    else if (ip) yield entry('ip-dst', ip);
  }
}

function* connectEntries(process: Json): Generator<Entry> {
  for (const connect of list(rec(process, 'networkpacket_section'), 'connect_to_computer')) {
    const host = cleanupHostname(str(connect['@remote_hostname']));
    const ip = cleanupIp(str(connect['@remote_ip']));
    const port = str(connect['@remote_port']);
    if (host && ip) yield entry('domain|ip', `${host}|${ip}`);
    else if (host) yield entry('hostname|port', `${host}|${port}`, { categories: ['Network activity'] });
    else if (ip) yield entry('ip-dst|port', `${ip}|${port}`);
  }
}

function* registryEntries(process: Json): Generator<Entry> {
  const categories = ['External analysis', 'Persistence mechanism', 'Artifacts dropped'] as const;
  for (const setValue of list(rec(process, 'registry_section'), 'set_value')) {
    const key = cleanupRegkey(`${str(setValue['@key_name']) ?? ''}\\${str(setValue['@value_name']) ?? ''}`);
    const data = cleanupRegdata(str(setValue['@data']));
    if (!key) continue;
    const comment = str(setValue['@data_type']) ?? '';
    if (str(setValue['@data_size']) === '0' || !data) yield entry('regkey', key, { categories: [...categories], comment });
    else yield entry('regkey|value', `${key}|${data}`, { categories: [...categories], comment });
  }
}

function* storedFileEntries(process: Json, section: string, comment: string): Generator<Entry> {
  for (const stored of list(rec(process, 'stored_files'), section)) {
    const filename = cleanupFilepath(str(stored['@filename']));
    if (!filename) continue;
    const categories = ['Artifacts dropped', 'Payload delivery'] as const;
    if (str(stored['@filesize']) !== '0') {
      yield entry('filename|md5', `${filename}|${str(stored['@md5']) ?? ''}`, { categories: [...categories], comment });
    } else {
      yield entry('filename', filename, { categories: [...categories], comment });
    }
  }
}
