/**
 * clamav: scans an attachment or malware-sample with a local clamd (INSTREAM)
 * and answers an av-signature object when it finds something. MISP's
 * attachment scanner (MISP.attachment_scan_module) calls it with the file in
 * `attribute.data` and reads the av-signature objects. Offline.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { decodeBase64, requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { clamdInstream, clamdVersion } from './_clamav/client.js';
import { describeTarget, parseConnection, type ClamdTarget } from './_clamav/connection.js';
import { parseScanReply } from './_clamav/reply.js';
import { extractMalwareSample, SAMPLE_MESSAGES } from '../_shared/malware-sample.js';

const INPUT = ['attachment', 'malware-sample'];

/** Upstream's words for data that is not base64. */
const MESSAGES = defineMessages({
  ...SAMPLE_MESSAGES.templates,
  noConnection: "No ClamAV connection string provided: set Plugin.Enrichment_clamav_connection in MISP's server settings.",
  wrongType: "Invalid attribute type provided, expected 'malware-sample' or 'attachment'",
  noData: 'No attribute data provided',
  notBase64: 'Provided data is not valid base64 encoded string',
  connectFailed: 'Could not connect to ClamAV at {target}: {reason}',
  sendFailed: 'Could not send attribute data to ClamAV. Maybe file is too big? ({reason})',
  sizeLimit: 'Could not send attribute data to ClamAV. Maybe file is too big? (clamd: {reason}; raise StreamMaxLength in clamd.conf)',
  clamdError: 'ClamAV returned error message: {reason}',
  invalidStatus: 'ClamAV returned invalid status: {reply}',
});

async function softwareVersion(target: ClamdTarget, ctx: ModuleContext): Promise<string> {
  try {
    return await clamdVersion(target, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.log.warn('Could not connect to ClamAV', { target: describeTarget(target), reason: (error as Error).message });
    throw MESSAGES.error('connectFailed', { target: describeTarget(target), reason: (error as Error).message });
  }
}

async function scan(target: ClamdTarget, data: Uint8Array, ctx: ModuleContext): Promise<string> {
  try {
    return await clamdInstream(target, data, ctx.signal);
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw MESSAGES.error('sendFailed', { reason: (error as Error).message });
  }
}

export default defineModule({
  name: 'clamav',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Jakub Onderka',
    description: 'Submit file to ClamAV',
    name: 'ClaamAV',
    features:
      'Sends the file of an attachment or malware-sample attribute (the latter unzipped with the password "infected") to clamd with INSTREAM; a detection becomes an av-signature object (signature, software) that belongs to the attribute. Usable as MISP.attachment_scan_module.',
    input: 'An attachment or malware-sample attribute with its data.',
    output: 'An av-signature object when ClamAV detects something; empty results when the file is clean.',
  },
  config: {
    connection: { description: 'Where clamd listens: unix:///run/clamav/clamd.ctl or host:port (127.0.0.1:3310).', required: true },
  },
  attributes: { input: INPUT, format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const connection = ctx.config['connection'];
    if (!connection) {
      throw MESSAGES.error('noConnection');
    }
    const target = parseConnection(connection);
    const attribute = requireAttribute(query);
    if (!INPUT.includes(attribute.type)) {
      throw MESSAGES.error('wrongType');
    }
    if (typeof attribute['data'] !== 'string' || attribute['data'] === '') {
      throw MESSAGES.error('noData');
    }
    const software = await softwareVersion(target, ctx);
    let data: Uint8Array = decodeBase64(attribute['data'], MESSAGES.format('notBase64'));
    if (attribute.type === 'malware-sample') data = await extractMalwareSample(data);

    const reply = parseScanReply(await scan(target, data, ctx));
    switch (reply.status) {
      case 'OK':
        return { results: {} };
      case 'FOUND': {
        const result = new MispResultBuilder();
        result.echoInputAttribute(attribute);
        const object = result.addObject('av-signature', [
          ['signature', reply.signature],
          ['software', software],
        ]);
        result.addReference(object.uuid, attribute.uuid, 'belongs-to');
        return result.toResults();
      }
      case 'ERROR':
        throw MESSAGES.error('clamdError', { reason: reply.reason });
      case 'SIZE_LIMIT':
        throw MESSAGES.error('sizeLimit', { reason: reply.reason });
      case 'INVALID':
        throw MESSAGES.error('invalidStatus', { reply: reply.reply || '(empty reply)' });
    }
  },
});
