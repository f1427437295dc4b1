/**
 * urlhaus: what abuse.ch URLhaus knows about a host, a payload hash or a URL.
 * `POST https://urlhaus-api.abuse.ch/v1/{host|payload|url}/` with a form body
 * (`host=`, `md5_hash=` / `sha256_hash=`, `url=`) and the `Auth-Key` header.
 *
 * Kept from upstream: the name, `auth_key`, the three queries and their form
 * fields, the results: a host gives its URLs as `url` attributes; a payload
 * gives a `file` object (the other hash, the size, one filename per URL)
 * `retrieved-from` each URL attribute and `analyzed-with` a
 * `virustotal-report` (detection-ratio, permalink); a URL gives one `file`
 * object per payload (filename, size, md5, sha256) with its VirusTotal
 * report. The messages "A auth key is required to access all abuse.ch API
 * services.", "No results found on URLhaus for this <type> attribute" and
 * "Error encountered during the query of URLhaus: <query_status>".
 * Fixed: upstream crashes (HTTP 500) on an answer missing a field it reads
 * (`virustotal`, `urls`, `file_size`, a URL's `filename`) or on a non-JSON
 * answer; here a missing field is skipped, a VirusTotal entry without its
 * permalink (the template requires it) is left out, and a vendor failure
 * names URLhaus, the HTTP status and what it said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { abusechApi, AUTH_KEY_SETTING, queryStatus, records, text } from './_abusech/api.js';

const HOST_TYPES = ['domain', 'hostname', 'ip-src', 'ip-dst'];
const INPUT_TYPES = ['domain', 'hostname', 'ip-src', 'ip-dst', 'md5', 'sha256', 'url'] as const;

const MESSAGES = defineMessages({
  noKey: 'A auth key is required to access all abuse.ch API services.',
  noResults: 'No results found on URLhaus for this {type} attribute',
  queryFailed: 'Error encountered during the query of URLhaus: {status}',
});

/** The `virustotal-report` of a payload, linked from its file object; none without a permalink. */
function addVirusTotal(result: MispResultBuilder, fileUuid: string, virustotal: unknown): void {
  const permalink = text(virustotal, 'link');
  if (permalink === undefined) return;
  const report = result.addObject('virustotal-report', [
    ['detection-ratio', text(virustotal, 'result')],
    ['permalink', permalink],
  ]);
  result.addReference(fileUuid, report.uuid, 'analyzed-with');
}

/** `/v1/host/`: every URL seen on the host. */
function hostResults(answer: unknown, result: MispResultBuilder): void {
  for (const entry of records(answer, 'urls')) {
    const url = text(entry, 'url');
    if (url !== undefined) result.addAttribute({ type: 'url', value: url });
  }
}

/** `/v1/payload/`: the file (other hash, size, filenames), the URLs it was retrieved from, its VirusTotal report. */
function payloadResults(answer: unknown, hashType: string, result: MispResultBuilder): void {
  const otherHash = hashType === 'sha256' ? 'md5' : 'sha256';
  const urls = records(answer, 'urls');
  const file = result.addObject('file', [
    [otherHash, text(answer, `${otherHash}_hash`)],
    ['size-in-bytes', text(answer, 'file_size')],
    ['filename', urls.map((entry) => text(entry, 'filename'))],
  ]);
  addVirusTotal(result, file.uuid, (answer as Record<string, unknown>)['virustotal']);
  for (const entry of urls) {
    const url = text(entry, 'url');
    if (url === undefined) continue;
    const attribute = result.addAttribute({ type: 'url', value: url });
    result.addReference(file.uuid, attribute.uuid, 'retrieved-from');
  }
}

/** `/v1/url/`: one file object per payload served at the URL. */
function urlResults(answer: unknown, result: MispResultBuilder): void {
  for (const payload of records(answer, 'payloads')) {
    const file = result.addObject('file', [
      ['filename', text(payload, 'filename')],
      ['size-in-bytes', text(payload, 'response_size')],
      ['md5', text(payload, 'response_md5')],
      ['sha256', text(payload, 'response_sha256')],
    ]);
    addVirusTotal(result, file.uuid, payload['virustotal']);
  }
}

/** Objects with neither attributes nor references are dropped, as upstream does. */
function withoutEmptyObjects(results: ReturnType<MispResultBuilder['toResults']>): ReturnType<MispResultBuilder['toResults']> {
  const objects = results.results.Object?.filter((object) => object.Attribute.length > 0 || (object.ObjectReference?.length ?? 0) > 0);
  const { Object: _all, ...rest } = results.results;
  return { results: { ...rest, ...(objects && objects.length > 0 ? { Object: objects } : {}) } };
}

export default defineModule({
  name: 'urlhaus',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '0.1',
    author: 'Christian Studer',
    description: 'Query of the URLhaus API to get additional information about the input attribute.',
    name: 'URLhaus Lookup',
    logo: 'urlhaus.png',
    requirements: [],
    features:
      'Module using the new format of modules able to return attributes and objects.\n\nThe module takes one of the ' +
      'attribute type specified as input, and query the URLhaus API with it. If any result is returned by the API, ' +
      'attributes and objects are created accordingly.',
    references: ['https://urlhaus.abuse.ch/'],
    input: 'A domain, hostname, url, ip, md5 or sha256 attribute.',
    output: 'MISP attributes & objects fetched from the result of the URLhaus API query.',
  },
  config: AUTH_KEY_SETTING,
  attributes: { input: [...INPUT_TYPES], output: ['url', 'filename', 'md5', 'sha256'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = abusechApi(ctx, 'URLhaus', 'https://urlhaus-api.abuse.ch/v1', () => MESSAGES.error('noKey'));
    api.requireKey();
    const attribute = requireAttribute(query, INPUT_TYPES);
    const value = attribute.value.trim();
    const [path, form] = HOST_TYPES.includes(attribute.type)
      ? ['/host/', { host: value }]
      : attribute.type === 'url'
        ? ['/url/', { url: value }]
        : ['/payload/', { [`${attribute.type}_hash`]: value }];
    const answer = await api.post<unknown>(path, { form });

    const status = queryStatus(answer);
    if (status === 'no_results') throw MESSAGES.error('noResults', { type: attribute.type });
    if (status !== 'ok') throw MESSAGES.error('queryFailed', { status: status || 'no query_status in the answer' });

    const result = new MispResultBuilder();
    if (path === '/host/') hostResults(answer, result);
    else if (path === '/url/') urlResults(answer, result);
    else payloadResults(answer, attribute.type, result);
    return withoutEmptyObjects(result.toResults());
  },
});
