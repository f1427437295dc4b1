/**
 * virustotal_collections: creates one VirusTotal collection per exported
 * event through VirusTotal's MISP integration endpoint, and returns the
 * collections' links as a text file, one `<event uuid>: <link>` line each.
 *
 * As upstream, the whole event is sent in MISP core format (VirusTotal picks
 * the indicators); both of MISP's shapes give the same document. A 400 answer
 * (VirusTotal found nothing to collect, say) becomes that event's line;
 * any other error answer is the module's error, VirusTotal's message as is.
 *
 * Not upstream: an event without any attribute of the types below (nor a
 * composite one holding such a part, like `filename|md5`) is not sent, since
 * VirusTotal could only refuse it: its line says so, and when no event has
 * any, the module answers an error instead of an empty collection.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import type { NormalizedEvent } from '../../misp/event.js';
import { VT_API, VT_MESSAGES, VT_SERVICE, isRecord, requireApiKey, vtErrorMessage, vtJson, vtStatusError } from './_virustotal/api.js';
import { coreEvent } from './_virustotal/core-event.js';
import { exportEvents } from './_text/events.js';
import { exportFile } from './_text/file.js';
import { EVENTS_MESSAGES } from './_text/messages.js';

const INPUT_TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'url'];
const COLLECTIONS_URL = `${VT_API}/integrations/misp/collections`;

const MESSAGES = defineMessages({
  ...VT_MESSAGES.templates,
  ...EVENTS_MESSAGES.templates,
  noIndicator:
    'No event holds an indicator VirusTotal can put in a collection (an attribute of type ' +
    `${INPUT_TYPES.join(', ')}): nothing was sent.`,
  eventWithoutIndicator: 'no indicator VirusTotal can put in a collection: not sent.',
  noCollectionId: 'VirusTotal answered without the id of the new collection.',
  refused: 'VirusTotal refused the event (HTTP 400).',
  /** VirusTotal's own message, as upstream answers it ("Wrong API key", "Quota exceeded"). */
  vendorMessage: '{message}',
});

/** `filename|md5` counts through its `md5` part, `domain|ip` through `domain`. */
function exportable(type: string): boolean {
  return type.split('|').some((part) => INPUT_TYPES.includes(part));
}

function hasIndicator(event: NormalizedEvent): boolean {
  return [...event.attributes, ...event.objects.flatMap((o) => o.Attribute)].some((a) => exportable(a.type));
}

/** Sends one event; returns its line of the exported file. */
async function createCollection(ctx: ModuleContext, apiKey: string, event: NormalizedEvent): Promise<string> {
  const uuid = event.event.uuid;
  const response = await ctx.http.request(COLLECTIONS_URL, {
    method: 'POST',
    headers: { 'x-apikey': apiKey, 'x-tool': 'MISPModuleVirusTotalCollectionExport', accept: 'application/json' },
    json: coreEvent(event),
    service: VT_SERVICE,
  });
  if (response.status >= 200 && response.status < 300) {
    const data = vtJson(response, 'creating the collection')['data'];
    const id = isRecord(data) ? data['id'] : undefined;
    if (typeof id !== 'string' || id === '') throw MESSAGES.error('noCollectionId');
    return `${uuid}: https://www.virustotal.com/gui/collection/${encodeURIComponent(id)}/iocs`;
  }
  const message = vtErrorMessage(response);
  if (response.status === 400) return `${uuid}: ${message ?? MESSAGES.format('refused')}`;
  // Upstream answers VirusTotal's message as it is ("Wrong API key", "Quota exceeded").
  if (message) throw MESSAGES.error('vendorMessage', { message });
  throw vtStatusError(response, 'creating the collection');
}

export default defineModule({
  name: 'virustotal_collections',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1.0',
    author: 'VirusTotal',
    description: 'Creates a VT Collection from an event iocs.',
    name: 'VirusTotal Collections Export',
    logo: 'virustotal.png',
    requirements: ['An access to the VirusTotal API (apikey).'],
    features:
      'This export module which takes advantage of a new endpoint in VT APIv3 to create VT Collections from IOCs' +
      ' contained in a MISP event. With this module users will be able to create a collection just using the Download' +
      ' as... button.',
    references: [
      'https://www.virustotal.com/',
      'https://blog.virustotal.com/2021/11/introducing-virustotal-collections.html',
    ],
    input: 'A domain, hash (md5, sha1, sha256 or sha512), hostname, url or IP address attribute.',
    output: 'A VirusTotal collection in VT.',
  },
  config: {
    vt_api_key: { description: 'VirusTotal API key.', secret: true },
    // Upstream declares the proxy settings but never used them.
    proxy_host: { description: 'Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment.' },
    proxy_port: { description: 'Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment.' },
    proxy_username: { description: 'Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment.' },
    proxy_password: {
      description: 'Kept for compatibility: the server uses the proxy of its HTTP_PROXY / HTTPS_PROXY environment.',
      secret: true,
    },
  },
  attributes: {
    input: INPUT_TYPES,
    format: 'misp_standard',
    responseType: 'application/txt',
    outputFileExtension: 'txt',
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const apiKey = requireApiKey(ctx);
    const events = exportEvents(query);
    if (!events.some(hasIndicator)) throw MESSAGES.error('noIndicator');
    const lines: string[] = [];
    for (const event of events) {
      lines.push(
        hasIndicator(event)
          ? await createCollection(ctx, apiKey, event)
          : `${event.event.uuid}: ${MESSAGES.format('eventWithoutIndicator')}`,
      );
    }
    return exportFile(lines.join('\n'));
  },
});
