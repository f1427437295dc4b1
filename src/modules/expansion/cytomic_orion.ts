/**
 * cytomic_orion: where has a file (MD5) been seen in Cytomic Orion?
 * Gets an OAuth2 token (password grant, scope `orion.api`, the client id and
 * secret as HTTP Basic, `POST {token_url}`), then asks the API with
 * `Authorization: Bearer <token>`: `GET {api_url}/forensics/md5/{md5}/info`
 * (a `cytomic-orion-file` object), `GET {api_url}/forensics/md5/{md5}/muids`
 * (the machines that had it) and, per machine, `GET {api_url}/forensics/muid/{muid}/info`
 * (a `cytomic-orion-machine` object, its machine and client names tagged
 * with the client name).
 *
 * Kept from upstream: the name, every `moduleconfig` name (upstream lists
 * `clientsecret` twice: served once; the upload_* / delete_tag / limit_upload_*
 * settings belong to upstream's separate push script and are accepted and
 * ignored), the requests, the objects and the messages "Missing configuration", "No token_url,
 * clientid or clientsecret supplied.", "No scope, grant_type, username or
 * password supplied.", "No token received.", "Unable to connect to token_url.".
 * Fixed: upstream overwrote every token failure with "No (valid) token."
 * (the specific message is given); it sent `None/forensics/...` without
 * api_url (now "No api_url supplied."); it turned TLS verification off
 * (verified here, `--ca-file` for a private CA); a missing field crashed it
 * (read with what there is); a machine without details is skipped as
 * upstream does, an API failure names Cytomic Orion and the HTTP status;
 * a missing or wrong-typed attribute gets the server's standard messages
 * (upstream: "Unsupported input." / "Unsupported attribute type.").
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const SERVICE = 'Cytomic Orion';

const MESSAGES = defineMessages({
  missingConfig: 'Missing configuration',
  missingCredentials: 'No scope, grant_type, username or password supplied.',
  missingClient: 'No token_url, clientid or clientsecret supplied.',
  missingApiUrl: 'No api_url supplied.',
  tokenUnreachable: 'Unable to connect to token_url.',
  noToken: 'No token received.',
  tokenRefused: 'Cytomic Orion refused the token request (HTTP {status}){said}.',
});

/** `GET /forensics/md5/{md5}/info`. */
interface FileInformation {
  fileName?: string;
  fileSize?: number | string;
  firstSeen?: string;
  lastSeen?: string;
  classification?: number | string;
  classificationName?: string;
}

/** One entry of `GET /forensics/md5/{md5}/muids`. */
interface MachineSighting {
  muid?: string;
  clientId?: number | string;
  firstSeen?: string;
  lastSeen?: string;
  lastPath?: string;
}

/** `GET /forensics/muid/{muid}/info`. */
interface MachineInformation {
  machineName?: string;
  clientName?: string;
  creationDate?: string;
  clientCreationDateUTC?: string;
  lastSeenUtc?: string;
}

const text = (value: unknown): string | number | undefined =>
  typeof value === 'string' || typeof value === 'number' ? value : undefined;

/** The OAuth2 password grant upstream makes; the access token. */
async function getToken(ctx: ModuleContext): Promise<string> {
  const { username, password, token_url: tokenUrl, clientid, clientsecret } = ctx.config;
  if (!username || !password) throw MESSAGES.error('missingCredentials');
  if (!tokenUrl || !clientid || !clientsecret) throw MESSAGES.error('missingClient');
  let response;
  try {
    response = await ctx.http.request(tokenUrl.trim(), {
      method: 'POST',
      form: { scope: 'orion.api', grant_type: 'password', username, password },
      basicAuth: { username: clientid, password: clientsecret },
      followRedirects: false,
      service: SERVICE,
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw MESSAGES.error('tokenUnreachable', {}, { cause: error });
  }
  let tokens: unknown;
  try {
    tokens = JSON.parse(response.text());
  } catch {
    tokens = undefined;
  }
  const token = typeof tokens === 'object' && tokens !== null ? (tokens as Record<string, unknown>)['access_token'] : undefined;
  if (typeof token === 'string' && token !== '') return token;
  if (response.status >= 400) {
    const said = typeof tokens === 'object' && tokens !== null ? text((tokens as Record<string, unknown>)['error_description'] ?? (tokens as Record<string, unknown>)['error']) : undefined;
    throw MESSAGES.error('tokenRefused', { status: response.status, said: said === undefined ? '' : `: ${String(said).replace(/\.+$/, '')}` });
  }
  throw MESSAGES.error('noToken');
}

export default defineModule({
  name: 'cytomic_orion',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.3',
    author: 'Koen Van Impe',
    description: 'An expansion module to enrich attributes in MISP by quering the Cytomic Orion API',
    name: 'Cytomic Orion Lookup',
    logo: 'cytomic_orion.png',
    requirements: ['Access (license) to Cytomic Orion'],
    features:
      'This module takes an MD5 hash and searches for occurrences of this hash in the Cytomic Orion database. Returns observed files and machines.',
    references: ['https://www.vanimpe.eu/2020/03/10/integrating-misp-and-cytomic-orion/', 'https://www.cytomicmodel.com/solutions/'],
    input: 'MD5, hash of the sample / malware to search for.',
    output: 'MISP objects with sightings of the hash in Cytomic Orion. Includes files and machines.',
  },
  config: {
    api_url: { description: 'Base URL of the Cytomic Orion API (e.g. https://api-orion.cytomicmodel.com/api/v1).' },
    token_url: { description: 'OAuth2 token endpoint of Cytomic Orion.' },
    clientid: { description: 'OAuth2 client id (sent as HTTP Basic to token_url).' },
    clientsecret: { description: 'OAuth2 client secret (sent as HTTP Basic to token_url).', secret: true },
    username: { description: 'Cytomic Orion user name (password grant).' },
    password: { description: 'Cytomic Orion password (password grant).', secret: true },
    upload_timeframe: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
    upload_tag: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
    delete_tag: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
    upload_ttlDays: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
    upload_threat_level_id: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
    limit_upload_events: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
    limit_upload_attributes: { description: 'Accepted and ignored: used by upstream\'s separate push script, not by the enrichment.' },
  },
  attributes: { input: ['md5'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, ['md5']);
    if (!ctx.configProvided || Object.values(ctx.config).every((v) => v === undefined || v === '')) throw MESSAGES.error('missingConfig');
    const token = await getToken(ctx);
    const apiUrl = ctx.config['api_url']?.trim().replace(/\/+$/, '');
    if (!apiUrl) throw MESSAGES.error('missingApiUrl');
    const api = ctx.vendor({ name: SERVICE, baseUrl: apiUrl, headers: { Authorization: `Bearer ${token}` } });

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const md5 = encodeURIComponent(attribute.value.trim());
    const file = await api.find<FileInformation | null>(`/forensics/md5/${md5}/info`);
    if (!file || typeof file !== 'object' || Object.keys(file).length === 0) return result.toResults();
    result.addObject('cytomic-orion-file', [
      ['fileName', text(file.fileName)],
      ['fileSize', text(file.fileSize)],
      ['last-seen', text(file.lastSeen)],
      ['first-seen', text(file.firstSeen)],
      ['classification', text(file.classification)],
      ['classificationName', text(file.classificationName)],
    ]);

    const machines = await api.find<MachineSighting[] | null>(`/forensics/md5/${md5}/muids`);
    for (const machine of Array.isArray(machines) ? machines : []) {
      if (typeof machine !== 'object' || machine === null || typeof machine.muid !== 'string' || machine.muid === '') continue;
      const info = await api.find<MachineInformation | null>(`/forensics/muid/${encodeURIComponent(machine.muid)}/info`);
      if (!info || typeof info !== 'object' || typeof info.machineName !== 'string' || info.machineName === '') continue;
      const clientTags = typeof info.clientName === 'string' && info.clientName !== '' ? [info.clientName] : [];
      result.addObject('cytomic-orion-machine', [
        { relation: 'machineName', value: info.machineName, tags: clientTags },
        ['machineMuid', machine.muid],
        { relation: 'clientName', value: text(info.clientName), tags: clientTags },
        ['clientId', text(machine.clientId)],
        ['machinePath', text(machine.lastPath)],
        ['first-seen', text(machine.firstSeen)],
        ['last-seen', text(machine.lastSeen)],
        ['creationDate', text(info.creationDate)],
        ['clientCreationDateUTC', text(info.clientCreationDateUTC)],
        ['lastSeenUtc', text(info.lastSeenUtc)],
      ]);
    }
    return result.toResults();
  },
});
