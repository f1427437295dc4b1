/**
 * lastline_query: reads the Lastline analysis behind an analysis link
 * (`https://user.lastline.com/portal#/analyst/task/<uuid>/overview`): portal
 * login, progress check, result, parsed into objects, attributes and ATT&CK
 * tags by the parser lastline_import shares.
 *
 * Kept from upstream: the name, the settings (`username`, `password`,
 * `verify_ssl`), the portal requests (form login, then get_progress and
 * get_result with the session cookie), the results and the messages
 * ("Error parsing configuration: …", "Error processing input parameters: …",
 * "Error issuing the API call: …").
 * Fixed: only a link whose host is exactly one of Lastline's hosted portals
 * counts as hosted; any other host comes from the attribute and goes through
 * the URL guard (upstream sent the admin's credentials wherever the link
 * pointed). Certificates are always verified: `verify_ssl` is accepted and
 * ignored (an admin trusts an on-premise CA with --ca-file). A failure names
 * Lastline, the HTTP status and Lastline's own error.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { isRecord, str } from '../_shared/json-record.js';
import { parseAnalysisLink } from '../_shared/lastline/link.js';
import { isAnalysisResult, parseLastlineResult } from '../_shared/lastline/parser.js';
import { LINK_MESSAGES } from '../_shared/lastline/link.js';
import { LASTLINE_API_MESSAGES, LastlinePortal, lastlineCall } from '../_shared/lastline/client.js';

const MESSAGES = defineMessages({
  noCredentials: 'Error parsing configuration: Arguments provided do not contain valid data',
  noAttribute:
    'This module requires an "attribute" field as input, containing at least a "type" field and a "value" field that is the link to a Lastline analysis.',
  notFinished: 'Error issuing the API call: Analysis is not finished yet.',
  empty: 'Error issuing the API call: Analysis report is empty.',
  notAResult: 'Error issuing the API call: Lastline answered a result without an analysis subject.',
});


export default defineModule({
  name: 'lastline_query',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Stefano Ortolani',
    description:
      'Deprecation notice: this module will be deprecated by December 2021, please use vmware_nsx module.\n\n' +
      'Query Lastline with an analysis link and parse the report into MISP attributes and objects.',
    name: 'Lastline Lookup',
    logo: 'lastline.png',
    requirements: [],
    features:
      'The module requires a Lastline Portal `username` and `password`.\nThe module uses the new format and it is able to return MISP attributes and objects.\n' +
      'The module returns the same results as the ' +
      '[lastline_import](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/import_mod/lastline_import.py) import module.',
    references: ['https://www.lastline.com'],
    input: 'Link to a Lastline analysis.',
    output: 'MISP attributes and objects parsed from the analysis report.',
  },
  config: {
    username: { description: 'Lastline Portal username.' },
    password: { description: 'Lastline Portal password.', secret: true },
    verify_ssl: { description: 'Kept for compatibility: certificates are always verified (an admin can trust an on-premise CA with --ca-file).' },
  },
  attributes: { input: ['link'], output: ['text'], format: 'misp_standard' },
  checkInput: false,
  // The shared helpers' messages this module can give too.
  messages: { ...MESSAGES.templates, ...LASTLINE_API_MESSAGES.templates, ...LINK_MESSAGES.templates },
  async handle(query, ctx) {
    const username = ctx.config['username'];
    const password = ctx.config['password'];
    if (!username || !password) throw MESSAGES.error('noCredentials');
    const attribute = query['attribute'];
    const value = isRecord(attribute) && str(attribute['type']) !== undefined ? str(attribute['value']) : undefined;
    if (value === undefined) throw MESSAGES.error('noAttribute');
    const link = parseAnalysisLink(value);
    if (['false', '0', 'no'].includes((ctx.config['verify_ssl'] ?? '').trim().toLowerCase())) {
      ctx.log.warn('verify_ssl is off in the settings, but certificates are always verified');
    }
    const portal = new LastlinePortal(ctx, link, { username, password });
    const result = await lastlineCall(async () => {
      await portal.login();
      const progress = await portal.getProgress();
      if (!isRecord(progress) || progress['completed'] !== 1) throw MESSAGES.error('notFinished');
      const data = await portal.getResult();
      if (!data || (isRecord(data) && Object.keys(data).length === 0)) throw MESSAGES.error('empty');
      if (!isAnalysisResult(data)) throw MESSAGES.error('notAResult');
      return data;
    });
    return { ...parseLastlineResult(link, result).toResults() };
  },
});
