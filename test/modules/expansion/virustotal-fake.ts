/**
 * A loopback VirusTotal API v3 for the VirusTotal family's table tests:
 * `GET /api/v3/{files|domains|ip_addresses|urls}/{id}` answers
 * `{"data": {type, id, attributes, links}}` and
 * `GET /api/v3/{collection}/{id}/{relationship}` answers
 * `{"data": [objects], "meta": {"count", "cursor"}, "links": {"self", "next"}}`
 * paged by `limit` (at most 40) and `cursor`, as docs.virustotal.com shows
 * them (attributes trimmed to those VirusTotal documents for each object
 * type, values from its examples). The `x-apikey` header is checked: a wrong
 * key is 401 `WrongCredentialsError`; an unknown object is 404 `NotFoundError`.
 */
import { createHash } from 'node:crypto';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';

export const VT_KEY = 'vt-test-key-0123456789abcdef';
const API = 'https://www.virustotal.com/api/v3';

export interface VtTestObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
}

const stats = (malicious: number, harmless: number, undetected: number, suspicious = 0) => ({ harmless, malicious, suspicious, timeout: 0, undetected });
const link = (collection: string, id: string) => ({ self: `${API}/${collection}/${id}` });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const DOMAIN = 'evil-updates.com';
export const IP = '203.0.113.7';
export const URL_VALUE = 'http://evil-updates.com/dl/payload.exe';
export const URL_ID = sha256(URL_VALUE);

/** A PE file (a /files/{id} object, trimmed). */
export const FILE: VtTestObject = {
  type: 'file',
  id: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
  attributes: {
    md5: '44d88612fea8a8f36de82e1278abb02f',
    sha1: '3395856ce81f2b7382dee72602f798b642f14140',
    sha256: '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f',
    ssdeep: '3:a+JraNvsgzsVqSwHq9:tJuOgzsko',
    tlsh: 'T1B2A0223A50B3C3C8CA0A1CBBA2C0A20B228A0C2083A0A2BA02BA20A20A2B2C3008',
    vhash: '015036655d5d15555az27?z1',
    size: 68,
    type_description: 'Win32 EXE',
    meaningful_name: 'payload.exe',
    names: ['payload.exe', 'update.exe'],
    first_submission_date: 1148301722,
    last_analysis_date: 1701431345,
    last_analysis_stats: stats(61, 0, 11, 0),
    pe_info: { imphash: 'f34d5f2d4577ed6d9ceec516c1f5a744', entry_point: 4096, machine_type: 332 },
    reputation: -1,
    tags: ['peexe', 'malware'],
    total_votes: { harmless: 0, malicious: 12 },
  },
};

/** A file from a known distributor (its malicious count stays out of the total). */
const DISTRIBUTED_FILE: VtTestObject = {
  type: 'file',
  id: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  attributes: {
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    size: 0,
    type_description: 'unknown',
    known_distributors: { filenames: ['empty.txt'], products: ['Microsoft Windows'], distributors: ['Microsoft'] },
    last_analysis_stats: stats(1, 0, 59, 0),
  },
};

export const DOMAIN_OBJECT: VtTestObject = {
  type: 'domain',
  id: DOMAIN,
  attributes: {
    categories: { 'Forcepoint ThreatSeeker': 'malicious web sites' },
    creation_date: 1680307200,
    last_analysis_date: 1701360000,
    last_analysis_stats: stats(9, 56, 26, 1),
    last_dns_records: [{ type: 'A', value: IP, ttl: 300 }],
    registrar: 'NameCheap, Inc.',
    reputation: -12,
    tags: [],
    tld: 'com',
    total_votes: { harmless: 0, malicious: 3 },
    whois: 'Domain Name: EVIL-UPDATES.COM\nRegistrar: NameCheap, Inc.\nCreation Date: 2023-04-01T00:00:00Z',
  },
};

export const IP_OBJECT: VtTestObject = {
  type: 'ip_address',
  id: IP,
  attributes: {
    as_owner: 'EXAMPLE-NET',
    asn: 64500,
    continent: 'EU',
    country: 'NL',
    network: '203.0.113.0/24',
    regional_internet_registry: 'RIPE NCC',
    last_analysis_date: 1701360000,
    last_analysis_stats: stats(4, 60, 25, 0),
    reputation: 0,
    tags: [],
    whois: 'NetRange: 203.0.113.0 - 203.0.113.255',
  },
};

export const URL_OBJECT: VtTestObject = {
  type: 'url',
  id: URL_ID,
  attributes: {
    url: URL_VALUE,
    last_final_url: URL_VALUE,
    title: '',
    first_submission_date: 1700000000,
    last_analysis_date: 1701360000,
    last_http_response_code: 200,
    last_analysis_stats: stats(11, 60, 18, 2),
    reputation: 0,
    tags: [],
    times_submitted: 4,
  },
};

const OTHER_DOMAIN: VtTestObject = {
  type: 'domain',
  id: 'cdn.evil-updates.com',
  attributes: { last_analysis_stats: stats(2, 60, 27, 0), registrar: 'NameCheap, Inc.', tld: 'com' },
};

const resolution = (ip: string, host: string): VtTestObject => ({
  type: 'resolution',
  id: `${ip}${host}`,
  attributes: {
    date: 1700000000,
    host_name: host,
    ip_address: ip,
    resolver: 'VirusTotal',
    host_name_last_analysis_stats: stats(9, 56, 26, 1),
    ip_address_last_analysis_stats: stats(4, 60, 25, 0),
  },
});

/** The objects by collection and id (files also by md5 and sha1, as VirusTotal finds them). */
export const OBJECTS: Record<string, Record<string, VtTestObject>> = {
  files: { [FILE.id]: FILE, [FILE.attributes['md5'] as string]: FILE, [FILE.attributes['sha1'] as string]: FILE },
  domains: { [DOMAIN]: DOMAIN_OBJECT, [OTHER_DOMAIN.id]: OTHER_DOMAIN },
  ip_addresses: { [IP]: IP_OBJECT },
  urls: { [URL_ID]: URL_OBJECT, [Buffer.from(URL_VALUE).toString('base64url')]: URL_OBJECT },
};

/** Relationship lists by `collection/id/relationship` (the canonical id). */
export const RELATIONSHIPS: Record<string, VtTestObject[]> = {
  [`domains/${DOMAIN}/siblings`]: [{ type: 'domain', id: 'evil-updates.net', attributes: { tld: 'net' } }],
  [`domains/${DOMAIN}/subdomains`]: [OTHER_DOMAIN, { type: 'domain', id: 'api.evil-updates.com', attributes: { tld: 'com' } }],
  [`domains/${DOMAIN}/resolutions`]: [resolution(IP, DOMAIN), resolution('198.51.100.23', DOMAIN)],
  [`domains/${DOMAIN}/communicating_files`]: [FILE],
  [`domains/${DOMAIN}/downloaded_files`]: [DISTRIBUTED_FILE],
  [`domains/${DOMAIN}/referrer_files`]: [],
  [`domains/${DOMAIN}/urls`]: [URL_OBJECT],
  [`ip_addresses/${IP}/resolutions`]: [resolution(IP, DOMAIN), resolution(IP, 'cdn.evil-updates.com')],
  [`ip_addresses/${IP}/urls`]: [URL_OBJECT],
  [`files/${FILE.id}/itw_urls`]: [URL_OBJECT],
  [`files/${FILE.id}/contacted_urls`]: [],
  [`files/${FILE.id}/contacted_domains`]: [DOMAIN_OBJECT],
  [`files/${FILE.id}/contacted_ips`]: [IP_OBJECT],
  [`urls/${URL_ID}/communicating_files`]: [],
  [`urls/${URL_ID}/downloaded_files`]: [FILE],
  [`urls/${URL_ID}/referrer_files`]: [],
};

const NOUN: Record<string, string> = { files: 'File', domains: 'Domain', ip_addresses: 'IP address', urls: 'URL' };

export const WRONG_KEY: FakeResponse = { status: 401, json: { error: { code: 'WrongCredentialsError', message: 'Wrong API key' } } };

const asData = (object: VtTestObject, collection: string) => ({ ...object, links: link(collection, object.id) });

/** Answers as VirusTotal with the given key and (optionally) extra objects. */
export function virusTotalRoutes(options: { key?: string; decorate?: (object: VtTestObject) => VtTestObject } = {}): Routes {
  const key = options.key ?? VT_KEY;
  const decorate = options.decorate ?? ((object: VtTestObject) => object);
  const keyed = (handler: (req: FakeRequest) => FakeResponse) => (req: FakeRequest): FakeResponse => (req.headers['x-apikey'] === key ? handler(req) : WRONG_KEY);
  return {
    'GET /api/v3/:collection/:id': keyed((req) => {
      const collection = req.params['collection']!;
      const object = OBJECTS[collection]?.[req.params['id']!];
      if (!object) return { status: 404, json: { error: { code: 'NotFoundError', message: `${NOUN[collection] ?? 'Resource'} "${req.params['id']}" not found` } } };
      return { json: { data: asData(decorate(object), collection) } };
    }),
    'GET /api/v3/:collection/:id/:relationship': keyed((req) => {
      const { collection = '', id = '', relationship = '' } = req.params;
      if (!OBJECTS[collection]?.[id]) return { status: 404, json: { error: { code: 'NotFoundError', message: `${NOUN[collection] ?? 'Resource'} "${id}" not found` } } };
      const all = RELATIONSHIPS[`${collection}/${id}/${relationship}`] ?? [];
      const size = Math.min(Number(req.query['limit'] ?? 10) || 10, 40);
      const start = req.query['cursor'] ? Number(Buffer.from(req.query['cursor'], 'base64').toString()) : 0;
      const page = all.slice(start, start + size);
      const more = start + size < all.length;
      const cursor = more ? Buffer.from(String(start + size)).toString('base64') : undefined;
      const self = `${API}/${collection}/${id}/${relationship}?limit=${size}`;
      return {
        json: {
          data: page.map((item) => asData(decorate(item), `${item.type}s`)),
          meta: { count: all.length, ...(cursor ? { cursor } : {}) },
          links: { self, ...(cursor ? { next: `${self}&cursor=${cursor}` } : {}) },
        },
      };
    }),
  };
}
