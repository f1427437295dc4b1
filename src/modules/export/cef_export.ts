/**
 * cef_export: one Common Event Format line per standalone attribute of a
 * mapped type (ip-src, ip-dst, hostname, domain, md5, sha1, sha256, url),
 * each behind a syslog-style prefix.
 *
 * As upstream, only attributes outside objects are exported.
 * Kept from upstream because receivers depend on the line shape:
 * - the prefix `%b %d %H:%M:%S host ` uses the server's LOCAL time (Python's
 *   `datetime.fromtimestamp`) and the literal host name `host`;
 * - the category is both the Device Event Class ID and the Name.
 * Fixed:
 * - values and header fields are escaped by the CEF rules (upstream wrote
 *   them raw, so a `=` in a URL or a `|` in a setting broke the record);
 * - a setting MISP sends as null gets its default (upstream wrote "None",
 *   and crashed when `config` lacked a key);
 * - an attribute without a timestamp takes the event's (upstream crashed);
 * - a severity CEF does not accept is refused instead of written.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import type { EventAttribute, NormalizedEvent } from '../../misp/event.js';
import { CEF_SEVERITY, cefLine } from './_text/cef.js';
import { exportEvents } from './_text/events.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportFile } from './_text/file.js';
import { syslogLocalTime } from './_text/syslog-time.js';

/** MISP attribute type → CEF extension key. */
const CEF_KEYS: Readonly<Record<string, string>> = {
  'ip-src': 'src',
  'ip-dst': 'dst',
  hostname: 'dhost',
  domain: 'dhost',
  md5: 'fileHash',
  sha1: 'fileHash',
  sha256: 'fileHash',
  url: 'request',
};

const EPOCH = /^\d+$/;

const MESSAGES = defineMessages({
  ...EVENTS_MESSAGES.templates,
  badSeverity: 'Default_Severity must be 0 to 10 or one of Unknown, Low, Medium, High, Very-High (got {severity}).',
});

function epochOf(attribute: EventAttribute, event: NormalizedEvent): number {
  const stamp = [attribute.timestamp, event.event.timestamp].find((t) => typeof t === 'string' && EPOCH.test(t));
  return stamp === undefined ? Math.floor(Date.now() / 1000) : Number(stamp);
}

export default defineModule({
  name: 'cef_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1',
    author: 'Hannah Ward',
    description: 'Module to export a MISP event in CEF format.',
    name: 'CEF Export',
    logo: '',
    requirements: [],
    features:
      'The module takes a MISP event in input, to look every attribute. Each attribute matching with some predefined' +
      ' types is then exported in Common Event Format.\nThus, there is no particular feature concerning MISP Events' +
      ' since any event can be exported. However, 4 configuration parameters recognized by CEF format are required' +
      ' and should be provided by users before exporting data: the device vendor, product and version, as well as the' +
      ' default severity of data.',
    references: [
      'https://community.softwaregrp.com/t5/ArcSight-Connectors/ArcSight-Common-Event-Format-CEF-Guide/ta-p/1589306?attachment-id=65537',
    ],
    input: 'MISP Event attributes',
    output: 'Common Event Format file',
  },
  config: {
    Default_Severity: { description: 'CEF severity of every record: 0 to 10, or Unknown, Low, Medium, High, Very-High.', default: '1' },
    Device_Vendor: { description: 'CEF Device Vendor.', default: 'MISP' },
    Device_Product: { description: 'CEF Device Product.', default: 'MISP' },
    Device_Version: { description: 'CEF Device Version.', default: '1' },
  },
  attributes: { responseType: 'application/txt', outputFileExtension: 'cef' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const severity = (ctx.config.Default_Severity ?? '1').trim();
    if (!CEF_SEVERITY.test(severity)) {
      throw MESSAGES.error('badSeverity', { severity: JSON.stringify(severity.slice(0, 40)) });
    }
    const device = {
      vendor: ctx.config.Device_Vendor ?? 'MISP',
      product: ctx.config.Device_Product ?? 'MISP',
      version: ctx.config.Device_Version ?? '1',
    };
    let output = '';
    for (const event of exportEvents(query)) {
      for (const attribute of event.attributes) {
        const key = CEF_KEYS[attribute.type];
        if (key === undefined) continue;
        const record = cefLine({
          ...device,
          signatureId: attribute.category,
          name: attribute.category,
          severity,
          extension: [[key, attribute.value]],
        });
        output += `${syslogLocalTime(epochOf(attribute, event))} host ${record}\n`;
      }
    }
    return exportFile(output);
  },
});
