/**
 * apiosintds against loopback fakes of raw.githubusercontent.com (the
 * Threat-Intel repository) and osint.digitalside.it (its mirror), serving
 * lists/latest*.txt, lists/latesthashes.json and stix2/<md5>.json shaped like
 * the real files (apiosintds-fixtures.ts), and against a local clone of the
 * repository (`local_directory`) in a temporary directory.
 *
 * The server keeps the lists it read (ctx.resources): rows that check what
 * is downloaded, or that make the download fail, run on a server of their
 * own (`settings: {}`), so that nothing is cached yet.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import apiosintds from '../../../src/modules/expansion/apiosintds.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, type Answer, type VendorRequest } from '../../support/module-tester.js';
import {
  CRYPTED,
  GENERATED_AT,
  hashList,
  IPS,
  LIST_DATE,
  LISTS,
  MONKE_ARM7,
  MONKE_MIPS,
  PLUGMANZX,
  PS_SAMPLE,
  stixReport,
  textList,
  URL_WITHOUT_SAMPLE,
  type Sample,
} from './apiosintds-fixtures.js';

const GITHUB = 'raw.githubusercontent.com';
const MIRROR = 'osint.digitalside.it';
const GITHUB_LISTS = '/davidonzo/Threat-Intel/master/lists';
const MIRROR_LISTS = '/Threat-Intel/lists';

const listFile = (req: FakeRequest): FakeResponse => {
  const body = LISTS[req.params['file']!];
  return body === undefined ? { status: 404, body: '404: Not Found' } : { headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
};
const stixFile = (req: FakeRequest): FakeResponse =>
  req.params['file'] === `${CRYPTED.md5}.json` ? { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: stixReport() } : { status: 404, body: '404: Not Found' };

const REPOSITORY: Routes = {
  [`GET ${GITHUB_LISTS}/:file`]: listFile,
  'GET /davidonzo/Threat-Intel/master/stix2/:file': stixFile,
};
const MIRROR_SITE: Routes = {
  [`GET ${MIRROR_LISTS}/:file`]: listFile,
  'GET /Threat-Intel/stix2/:file': stixFile,
};

// ---- expected entries (upstream's texts) ----

type Entry = Record<string, unknown>;
const text = (value: string): Entry => ({ types: ['text'], values: [value] });
const found = (item: string, file: string): Entry => text(`IoC '${item}' found in OSINT.DigitaiSide.it repository. List file: ${file}. List date: ${LIST_DATE}`);
const notListed = (item: string): Entry => ({ types: ['comment'], values: [`${item} IS NOT listed by OSINT.digitalside.it. Date list: ${LIST_DATE}`] });
const hashes = (sample: Sample, relatedTo: string): Entry[] =>
  (['md5', 'sha1', 'sha256'] as const).map((type) => ({ types: [type], values: [sample[type]], comment: `Related to: ${relatedTo}` }));
const link = (url: string, comment: string): Entry => ({ types: ['link'], values: [url], categories: ['External analysis'], comment });
const reports = (sample: Sample, item: string): Entry[] => [
  link(`https://osint.digitalside.it/Threat-Intel/digitalside-misp-feed/${sample.key}.json`, `MISP Event related to: ${item}`),
  link(`https://osint.digitalside.it/Threat-Intel/csv/${sample.key}.csv`, `MISP CSV related to: ${item}`),
  link(`https://osint.digitalside.it/report/${sample.md5}.html`, `DigitalSide report related to: ${item}`),
  link(`https://osint.digitalside.it/Threat-Intel/stix2/${sample.md5}.json`, `STIX2 report related to: ${item}`),
];
const relatedUrl = (sample: Sample, item: string): Entry[] => [
  { types: ['url'], values: [sample.url[0]], comment: `Download URL for ${sample.md5}. Related to: ${item}` },
  ...hashes(sample, sample.url[0]!),
  ...reports(sample, item),
];

const results = (answer: Answer): Entry[] => answer['results'] as Entry[];
/** "host path" of each request, in order. */
const fetched = (requests: VendorRequest[]): string[] => requests.map((r) => `${r.vendor} ${r.path}`);

// ---- a local clone of the repository ----

const clone = mkdtempSync(path.join(tmpdir(), 'threat-intel-'));
mkdirSync(path.join(clone, 'lists'));
for (const [file, body] of Object.entries(LISTS)) writeFileSync(path.join(clone, 'lists', file), body);
mkdirSync(path.join(clone, 'csv'));
writeFileSync(path.join(clone, 'csv', `${PLUGMANZX.key}.csv`), 'uuid,event_id,category,type,value\n');
mkdirSync(path.join(clone, 'stix2'));
writeFileSync(path.join(clone, 'stix2', `${CRYPTED.md5}.json`), stixReport());
const partialClone = mkdtempSync(path.join(tmpdir(), 'threat-intel-partial-'));
mkdirSync(path.join(partialClone, 'lists'));
writeFileSync(path.join(partialClone, 'lists', 'latesturls.txt'), LISTS['latesturls.txt']!);
after(() => {
  rmSync(clone, { recursive: true, force: true });
  rmSync(partialClone, { recursive: true, force: true });
});

/** A fresh server: nothing cached. */
const FRESH = { settings: {} };

testModule({
  module: apiosintds,
  vendors: { [GITHUB]: REPOSITORY, [MIRROR]: MIRROR_SITE },
  config: { import_related: 'no', STIX2_details: 'no' },
  rows: [
    {
      name: 'listed with upstream\'s config names, module types and input types',
      listing: (entry) => {
        assert.deepEqual(entry.meta['config'], ['STIX2_details', 'import_related', 'cache', 'cache_directory', 'cache_timeout_h', 'local_directory']);
        assert.deepEqual(entry.meta['module-type'], ['expansion', 'hover']);
        assert.equal((entry.mispattributes['input'] as string[]).length, 14);
      },
    },

    // ---- hits, one per input type ----
    {
      name: 'a listed IP: the IoC text; only the IP, URL and hash lists are read, from GitHub',
      ...FRESH,
      query: { 'ip-dst': '185.246.220.60' },
      results: [
        { types: ['text'], values: ["IoC '185.246.220.60' found in OSINT.DigitaiSide.it repository. List file: latestips.txt. List date: 2024-04-01 08:10:52+02:00"] },
      ],
      requests: (requests) =>
        assert.deepEqual(fetched(requests).sort(), [
          `${GITHUB} ${GITHUB_LISTS}/latesthashes.json`,
          `${GITHUB} ${GITHUB_LISTS}/latestips.txt`,
          `${GITHUB} ${GITHUB_LISTS}/latesturls.txt`,
        ]),
    },
    {
      name: 'a listed IP with import_related: the URL listed on it, its sample\'s hashes and reports',
      query: { 'ip-src': '185.246.220.60' },
      config: { import_related: 'yes' },
      results: [
        found('185.246.220.60', 'latestips.txt'),
        { types: ['url'], values: ['http://185.246.220.60/plugmanzx.exe'], comment: 'Download URL for 7cb796c875cccc9233d82854a4e2fdf0. Related to: 185.246.220.60' },
        { types: ['md5'], values: ['7cb796c875cccc9233d82854a4e2fdf0'], comment: 'Related to: http://185.246.220.60/plugmanzx.exe' },
        { types: ['sha1'], values: ['158514acfa87d0b99e2af07a28004480bbf66e83'], comment: 'Related to: http://185.246.220.60/plugmanzx.exe' },
        { types: ['sha256'], values: ['49e64d72d5ed4fb7967da4b6851d94cdceffe4ba0316587767a13901fe580239'], comment: 'Related to: http://185.246.220.60/plugmanzx.exe' },
        {
          types: ['link'], values: ['https://osint.digitalside.it/Threat-Intel/digitalside-misp-feed/d6146389-4294-4a41-b4ca-6e74c74b7f8b.json'],
          categories: ['External analysis'], comment: 'MISP Event related to: 185.246.220.60',
        },
        {
          types: ['link'], values: ['https://osint.digitalside.it/Threat-Intel/csv/d6146389-4294-4a41-b4ca-6e74c74b7f8b.csv'],
          categories: ['External analysis'], comment: 'MISP CSV related to: 185.246.220.60',
        },
        {
          types: ['link'], values: ['https://osint.digitalside.it/report/7cb796c875cccc9233d82854a4e2fdf0.html'],
          categories: ['External analysis'], comment: 'DigitalSide report related to: 185.246.220.60',
        },
        {
          types: ['link'], values: ['https://osint.digitalside.it/Threat-Intel/stix2/7cb796c875cccc9233d82854a4e2fdf0.json'],
          categories: ['External analysis'], comment: 'STIX2 report related to: 185.246.220.60',
        },
      ],
    },
    {
      name: 'the IP of an ip-dst|port',
      query: { 'ip-dst|port': '193.35.18.147|80' },
      results: [found('193.35.18.147', 'latestips.txt')],
    },
    {
      name: 'a listed domain with import_related: both URLs listed on it',
      query: { domain: 'monke.re' },
      config: { import_related: 'yes' },
      results: [found('monke.re', 'latestdomains.txt'), ...relatedUrl(MONKE_ARM7, 'monke.re'), ...relatedUrl(MONKE_MIPS, 'monke.re')],
    },
    {
      name: 'a hostname is looked up as a domain (lowercased, as the list holds it)',
      query: { hostname: 'MONKE.RE' },
      results: [found('monke.re', 'latestdomains.txt')],
    },
    {
      name: 'a listed URL: its sample\'s hashes and reports',
      query: { url: 'http://monke.re/arm7' },
      results: [found('http://monke.re/arm7', 'latesturls.txt'), ...hashes(MONKE_ARM7, 'http://monke.re/arm7'), ...reports(MONKE_ARM7, 'http://monke.re/arm7')],
    },
    {
      name: 'a listed URL with import_related: the other URL on its host too',
      query: { url: 'http://monke.re/arm7' },
      config: { import_related: 'yes' },
      results: [
        found('http://monke.re/arm7', 'latesturls.txt'),
        ...hashes(MONKE_ARM7, 'http://monke.re/arm7'),
        ...reports(MONKE_ARM7, 'http://monke.re/arm7'),
        ...relatedUrl(MONKE_MIPS, 'http://monke.re/arm7'),
      ],
    },
    {
      name: 'a listed URL latesthashes.json knows nothing about: the IoC text alone (upstream crashed with a NameError)',
      query: { url: URL_WITHOUT_SAMPLE },
      config: { import_related: 'yes' },
      results: [found(URL_WITHOUT_SAMPLE, 'latesturls.txt')],
    },
    {
      name: 'a listed md5 with import_related: the other hashes, the reports and the URLs it was downloaded from',
      query: { md5: PS_SAMPLE.md5.toUpperCase() },
      config: { import_related: 'yes' },
      results: [
        found(PS_SAMPLE.md5, 'latesthashes.json'),
        ...hashes(PS_SAMPLE, PS_SAMPLE.md5),
        ...reports(PS_SAMPLE, PS_SAMPLE.md5),
        { types: ['url'], values: ['http://64.226.114.30/ps'], comment: `Download URL for: ${PS_SAMPLE.md5}` },
        { types: ['url'], values: ['http://91.92.254.172/ps'], comment: `Download URL for: ${PS_SAMPLE.md5}` },
      ],
    },
    {
      name: 'a listed sha1',
      query: { sha1: PLUGMANZX.sha1 },
      results: [found(PLUGMANZX.sha1, 'latesthashes.json'), ...hashes(PLUGMANZX, PLUGMANZX.sha1), ...reports(PLUGMANZX, PLUGMANZX.sha1)],
    },
    {
      name: 'the sha256 of a filename|sha256 (the part after the last "|")',
      query: { 'filename|sha256': `odd|name.exe|${MONKE_MIPS.sha256}` },
      results: [found(MONKE_MIPS.sha256, 'latesthashes.json'), ...hashes(MONKE_MIPS, MONKE_MIPS.sha256), ...reports(MONKE_MIPS, MONKE_MIPS.sha256)],
    },
    {
      name: 'a domain|ip looks both up, the IP first (the library\'s order)',
      query: { 'domain|ip': 'monke.re|203.0.113.7' },
      results: [notListed('203.0.113.7'), found('monke.re', 'latestdomains.txt')],
    },
    {
      name: 'a domain|ip whose domain is not a domain: the IP alone',
      query: { 'domain|ip': 'not a domain|185.246.220.60' },
      results: [found('185.246.220.60', 'latestips.txt')],
    },

    // ---- misses ----
    {
      name: 'an IP not listed: upstream\'s "IS NOT listed", and only the IP list is read',
      ...FRESH,
      query: { 'ip-src': '203.0.113.7' },
      results: [notListed('203.0.113.7')],
      requests: (requests) => assert.deepEqual(fetched(requests), [`${GITHUB} ${GITHUB_LISTS}/latestips.txt`]),
    },
    { name: 'a domain not listed', query: { domain: 'example.org' }, results: [notListed('example.org')] },
    { name: 'a URL not listed', query: { url: 'https://example.org/setup.exe' }, results: [notListed('https://example.org/setup.exe')] },
    { name: 'a hash not listed', query: { sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, results: [notListed('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')] },

    // ---- pinned hover ----
    {
      name: 'a pinned hover (persistent) gets upstream\'s lines of text',
      query: { url: 'http://monke.re/arm7', persistent: 1 },
      config: { import_related: 'yes' },
      results: [
        "IoC 'http://monke.re/arm7' found in OSINT.DigitaiSide.it repository.",
        `List file: latesturls.txt. Date list: ${LIST_DATE}`,
        '#'.repeat(46),
        'Hashes set',
        `MD5: ${MONKE_ARM7.md5}`,
        `SHA1: ${MONKE_ARM7.sha1}`,
        `SHA256: ${MONKE_ARM7.sha256}`,
        '-'.repeat(68),
        'Online Reports (availability depends on retention)',
        `MISP Event => https://osint.digitalside.it/Threat-Intel/digitalside-misp-feed/${MONKE_ARM7.key}.json`,
        `MISP CSV => https://osint.digitalside.it/Threat-Intel/csv/${MONKE_ARM7.key}.csv`,
        `DigitalSide report => https://osint.digitalside.it/report/${MONKE_ARM7.md5}.html`,
        `STIX report => https://osint.digitalside.it/Threat-Intel/stix2/${MONKE_ARM7.md5}.json`,
        '-'.repeat(68),
        'Related URLS count: 1',
        '-'.repeat(68),
        'Related URL http://monke.re/mips',
        `MD5: ${MONKE_MIPS.md5}`,
        `SHA1: ${MONKE_MIPS.sha1}`,
        `SHA256: ${MONKE_MIPS.sha256}`,
        '-'.repeat(19),
        'Online Reports (availability depends on retention)',
        `MISP Event => https://osint.digitalside.it/Threat-Intel/digitalside-misp-feed/${MONKE_MIPS.key}.json`,
        `MISP CSV => https://osint.digitalside.it/Threat-Intel/csv/${MONKE_MIPS.key}.csv`,
        `DigitalSide report => https://osint.digitalside.it/report/${MONKE_MIPS.md5}.html`,
        `STIX report => https://osint.digitalside.it/Threat-Intel/stix2/${MONKE_MIPS.md5}.json`,
      ].map(text),
    },
    {
      name: 'a pinned hover on a miss: the same comment',
      query: { 'ip-dst': '203.0.113.7', persistent: 1 },
      results: [notListed('203.0.113.7')],
    },

    // ---- STIX2_details ----
    {
      name: 'STIX2_details reads the sample\'s STIX report from GitHub: TLP, seen, file, VirusTotal',
      query: { md5: CRYPTED.md5 },
      config: { STIX2_details: 'yes' },
      results: [
        found(CRYPTED.md5, 'latesthashes.json'),
        ...hashes(CRYPTED, CRYPTED.md5),
        ...reports(CRYPTED, CRYPTED.md5),
        { types: ['comment'], values: ['TLP:white | Observation: 1 | First seen: 2023-06-05 05:59:02 | Last seen: 2023-06-05 05:59:02'], comment: `STIX2 details for: ${CRYPTED.md5}` },
        { types: ['filename'], values: ['crypted.exe'], categories: ['Payload delivery'], comment: `STIX2 details for: ${CRYPTED.md5}` },
        { types: ['size-in-bytes'], values: [1155584], comment: `STIX2 details for: ${CRYPTED.md5}` },
        { types: ['mime-type'], values: ['application/x-dosexec'], categories: ['Payload delivery'], comment: `STIX2 details for: ${CRYPTED.md5}` },
        { types: ['comment'], values: ['VirusTotal Ratio: 59/71'], comment: `STIX2 details for: ${CRYPTED.md5}` },
        link(`https://www.virustotal.com/gui/file/${CRYPTED.sha256}/detection`, `VirusTotal Report for: ${CRYPTED.md5}`),
      ],
      requests: (requests) => assert.deepEqual(fetched(requests), [`${GITHUB} /davidonzo/Threat-Intel/master/stix2/${CRYPTED.md5}.json`]),
    },
    {
      name: 'STIX2_details: a sample seen over time gets its observation time frame; the mirror serves the report when GitHub fails',
      query: { md5: CRYPTED.md5, persistent: 1 },
      config: { STIX2_details: 'yes' },
      routes: {
        [GITHUB]: { 'GET /davidonzo/Threat-Intel/master/stix2/:file': { status: 503, body: 'upstream connect error' } },
        [MIRROR]: { 'GET /Threat-Intel/stix2/:file': { body: stixReport('2023-06-06T08:02:06Z') } },
      },
      check: (answer, requests) => {
        const lines = results(answer).map((entry) => (entry['values'] as string[])[0]);
        assert.deepEqual(lines.slice(lines.indexOf('STIX2 report details')), [
          'STIX2 report details',
          'TLP:white | Observation: 1 | First seen: 2023-06-05 05:59:02 | Last seen: 2023-06-06 08:02:06',
          'Observation time frame: 1 day, 2:03:04',
          'Filename: crypted.exe',
          'Filesize in bytes: 1155584',
          'Filetype: application/x-dosexec',
          'VirusTotal Ratio: 59/71',
        ]);
        assert.deepEqual(fetched(requests), [`${GITHUB} /davidonzo/Threat-Intel/master/stix2/${CRYPTED.md5}.json`, `${MIRROR} /Threat-Intel/stix2/${CRYPTED.md5}.json`]);
      },
    },
    {
      name: 'STIX2_details with a report gone from both hosts (retention): the rest of the answer, no details',
      query: { sha1: PLUGMANZX.sha1 },
      config: { STIX2_details: 'yes' },
      results: [found(PLUGMANZX.sha1, 'latesthashes.json'), ...hashes(PLUGMANZX, PLUGMANZX.sha1), ...reports(PLUGMANZX, PLUGMANZX.sha1)],
      requests: (requests) => assert.equal(requests.length, 2),
    },
    {
      name: 'STIX2_details: a report that is not JSON gives no details',
      query: { md5: CRYPTED.md5 },
      config: { STIX2_details: 'yes' },
      routes: { 'GET /davidonzo/Threat-Intel/master/stix2/:file': { body: '<html>rate limited</html>' } },
      check: (answer) => assert.equal(results(answer).length, 8),
    },

    // ---- the cache ----
    {
      name: 'a second query reuses the lists the first one read (nothing downloaded again)',
      ...FRESH,
      query: { domain: 'monke.re' },
      config: { import_related: 'yes' },
      check: async (_answer, requests, _dns, context) => {
        assert.equal(requests.length, 3);
        const github = context.vendor(GITHUB);
        const again = await context.server.query({ module: 'apiosintds', 'ip-dst': '185.246.220.60', config: { import_related: 'yes' } });
        assert.equal(results(again).length, 9);
        // Only latestips.txt was new to the server.
        assert.deepEqual(github.requests.slice(3).map((r) => r.path), [`${GITHUB_LISTS}/latestips.txt`]);
        await context.server.query({ module: 'apiosintds', 'ip-dst': '185.246.220.60', config: { cache: 'yes', cache_timeout_h: '4' } });
        // Another keeping time is another cache period: read again once, then kept.
        await context.server.query({ module: 'apiosintds', 'ip-src': '101.99.91.111', config: { cache: 'yes', cache_timeout_h: '4', cache_directory: '/nonexistent' } });
        assert.equal(github.requests.length, 7);
        assert.equal(context.vendor(MIRROR).requests.length, 0);
      },
    },

    // ---- the mirror when GitHub fails ----
    {
      name: 'GitHub answers 500: the lists come from osint.digitalside.it',
      ...FRESH,
      query: { 'ip-dst': '185.246.220.60' },
      routes: { [GITHUB]: { [`GET ${GITHUB_LISTS}/:file`]: { status: 500, body: '500: Internal Server Error' } } },
      results: [found('185.246.220.60', 'latestips.txt')],
      requests: (requests) => {
        const byHost = (host: string) => requests.filter((r) => r.vendor === host).map((r) => r.path.split('/').pop()).sort();
        assert.deepEqual(byHost(GITHUB), ['latesthashes.json', 'latestips.txt', 'latesturls.txt']);
        assert.deepEqual(byHost(MIRROR), ['latesthashes.json', 'latestips.txt', 'latesturls.txt']);
      },
    },
    {
      name: 'GitHub answers 404: the mirror',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: { [GITHUB]: { [`GET ${GITHUB_LISTS}/:file`]: { status: 404, body: '404: Not Found' } } },
      results: [found(PLUGMANZX.md5, 'latesthashes.json'), ...hashes(PLUGMANZX, PLUGMANZX.md5), ...reports(PLUGMANZX, PLUGMANZX.md5)],
      requests: (requests) => assert.deepEqual(fetched(requests), [`${GITHUB} ${GITHUB_LISTS}/latesthashes.json`, `${MIRROR} ${MIRROR_LISTS}/latesthashes.json`]),
    },
    {
      name: 'GitHub drops the connection: the mirror',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: { [GITHUB]: { [`GET ${GITHUB_LISTS}/:file`]: { resetAfter: '' } } },
      check: (answer) => assert.deepEqual(results(answer)[0], found(PLUGMANZX.md5, 'latesthashes.json')),
    },

    // ---- both hosts fail ----
    {
      name: 'both hosts answer 404: an error naming the list and both answers',
      ...FRESH,
      query: { 'ip-dst': '185.246.220.60' },
      routes: { 'GET /*': { status: 404, body: '404: Not Found' } },
      messageId: 'listUnavailable',
      data: { file: 'latestips.txt', reasons: 'raw.githubusercontent.com answered HTTP 404 Not Found; osint.digitalside.it answered HTTP 404 Not Found' },
    },
    {
      name: 'both hosts answer 500',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: { 'GET /*': { status: 500, body: 'Internal Server Error' } },
      error:
        'Could not download the DigitalSide Threat-Intel list latesthashes.json: raw.githubusercontent.com answered HTTP 500 Internal Server Error; osint.digitalside.it answered HTTP 500 Internal Server Error.',
    },
    {
      name: 'GitHub answers 429 and the mirror drops the connection',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: { [GITHUB]: { 'GET /*': { status: 429, body: 'Too Many Requests' } }, [MIRROR]: { 'GET /*': { resetAfter: '' } } },
      error: /^Could not download the DigitalSide Threat-Intel list latesthashes\.json: raw\.githubusercontent\.com answered HTTP 429 Too Many Requests; osint\.digitalside\.it closed the connection/,
    },
    {
      name: 'neither host answers: the query times out',
      ...FRESH,
      query: { 'ip-dst': '185.246.220.60', timeout: 1 },
      routes: { 'GET /*': { hang: true } },
      error: 'Timeout.',
    },
    {
      name: 'a list larger than 32 MiB is refused (from either host)',
      ...FRESH,
      query: { 'ip-dst': '185.246.220.60' },
      routes: { [`GET ${GITHUB_LISTS}/:file`]: { endless: true }, [`GET ${MIRROR_LISTS}/:file`]: { endless: true } },
      messageId: 'listUnavailable',
      data: {
        file: 'latestips.txt',
        reasons: 'raw.githubusercontent.com answered more than 33554432 bytes; osint.digitalside.it answered more than 33554432 bytes',
      },
    },

    // ---- lists that cannot be read ----
    {
      name: 'latesthashes.json that is not JSON',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: { [`GET ${GITHUB_LISTS}/latesthashes.json`]: { body: `{"info": [], "generatedAt": "${GENERATED_AT}", "lookup": {tru` } },
      error: /^The DigitalSide Threat-Intel list latesthashes\.json is not valid JSON \(.+\)\.$/,
    },
    {
      name: 'latesthashes.json without its lookup table',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: { [`GET ${GITHUB_LISTS}/latesthashes.json`]: { json: { info: [], generatedAt: GENERATED_AT } } },
      messageId: 'hashesMalformed',
      data: { file: 'latesthashes.json' },
    },
    {
      name: 'latesthashes.json entries without their hashes are left out',
      ...FRESH,
      query: { md5: PLUGMANZX.md5 },
      routes: {
        [`GET ${GITHUB_LISTS}/latesthashes.json`]: {
          body: hashList([{ ...PLUGMANZX, sha1: null } as unknown as Sample, MONKE_ARM7]),
        },
      },
      results: [notListed(PLUGMANZX.md5)],
    },
    {
      name: 'a text list without its "Generated at" header',
      ...FRESH,
      query: { 'ip-dst': '185.246.220.60' },
      routes: { [`GET ${GITHUB_LISTS}/latestips.txt`]: { body: IPS.join('\n') } },
      messageId: 'listNoDate',
      data: { file: 'latestips.txt' },
    },
    {
      name: 'an empty list',
      ...FRESH,
      query: { domain: 'monke.re' },
      routes: { [`GET ${GITHUB_LISTS}/latestdomains.txt`]: { body: '' } },
      messageId: 'listEmpty',
      data: { file: 'latestdomains.txt' },
    },
    {
      name: 'a list with its header and no entry: nothing is listed',
      ...FRESH,
      query: { domain: 'monke.re' },
      routes: { [`GET ${GITHUB_LISTS}/latestdomains.txt`]: { body: textList('domains', []) } },
      results: [notListed('monke.re')],
    },

    // ---- bad input and settings ----
    {
      name: 'a hostname that is no domain (no dot): a clear error, nothing downloaded',
      query: { hostname: 'localhost' },
      messageId: 'invalidInput',
      data: { value: 'localhost' },
      requests: (requests) => assert.equal(requests.length, 0),
    },
    { name: 'an IPv6 address (the lists hold IPv4 only)', query: { 'ip-dst': '2001:db8::1' }, messageId: 'invalidInput', data: { value: '2001:db8::1' } },
    { name: 'a value of spaces', query: { domain: '   ' }, messageId: 'invalidInput', data: { value: '   ' } },
    { name: 'a value that is not text', query: { domain: { name: 'monke.re' } }, messageId: 'invalidInput', data: { value: '{"name":"monke.re"}' } },
    { name: 'an empty value', query: { domain: '' }, error: /^Module 'apiosintds' needs one of these attribute types in the request: domain, domain\|ip, hostname/ },
    { name: 'a type it does not take', query: { 'email-src': 'a@monke.re' }, error: /^Module 'apiosintds' needs one of these attribute types/ },
    {
      name: 'a cache_timeout_h that is not a number of hours',
      query: { 'ip-dst': '185.246.220.60' },
      config: { cache: 'yes', cache_timeout_h: 'four' },
      messageId: 'badTimeout',
      data: { value: 'four', max: 168 },
    },
    {
      name: 'a cache_timeout_h over the lists\' 7 days',
      query: { 'ip-dst': '185.246.220.60' },
      config: { cache: 'yes', cache_timeout_h: '169' },
      messageId: 'badTimeout',
      data: { value: '169', max: 168 },
    },

    // ---- local_directory ----
    {
      name: 'local_directory: the clone\'s lists, nothing downloaded; reports linked only when the clone has them',
      query: { 'ip-dst': '185.246.220.60' },
      config: { local_directory: clone, import_related: 'yes', cache: 'yes', cache_directory: '/nonexistent' },
      results: [
        found('185.246.220.60', 'latestips.txt'),
        { types: ['url'], values: ['http://185.246.220.60/plugmanzx.exe'], comment: `Download URL for ${PLUGMANZX.md5}. Related to: 185.246.220.60` },
        ...hashes(PLUGMANZX, 'http://185.246.220.60/plugmanzx.exe'),
        link(`https://osint.digitalside.it/Threat-Intel/csv/${PLUGMANZX.key}.csv`, 'MISP CSV related to: 185.246.220.60'),
        link(`https://osint.digitalside.it/report/${PLUGMANZX.md5}.html`, 'DigitalSide report related to: 185.246.220.60'),
      ],
      requests: (requests) => assert.equal(requests.length, 0),
    },
    {
      name: 'local_directory: STIX details from the clone\'s stix2/',
      query: { md5: CRYPTED.md5 },
      config: { local_directory: clone, STIX2_details: 'yes' },
      check: (answer, requests) => {
        assert.equal(requests.length, 0);
        const values = results(answer).map((entry) => (entry['values'] as unknown[])[0]);
        assert.ok(values.includes(`https://osint.digitalside.it/Threat-Intel/stix2/${CRYPTED.md5}.json`));
        assert.ok(values.includes('VirusTotal Ratio: 59/71'));
        assert.ok(!values.includes(`https://osint.digitalside.it/Threat-Intel/csv/${CRYPTED.key}.csv`));
      },
    },
    {
      name: 'local_directory that does not exist: upstream\'s error',
      query: { 'ip-dst': '185.246.220.60' },
      config: { local_directory: path.join(clone, 'missing') },
      messageId: 'localDirectory',
      data: { directory: path.join(clone, 'missing') },
    },
    {
      name: 'local_directory without the list needed',
      query: { 'ip-dst': '185.246.220.60' },
      config: { local_directory: partialClone },
      messageId: 'localFile',
      data: { path: path.join(partialClone, 'lists', 'latestips.txt'), reason: 'no such file' },
    },
  ],
});

