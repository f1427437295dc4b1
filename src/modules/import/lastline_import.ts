/**
 * lastline_import: imports a Lastline analysis from its link (portal login,
 * progress check, result), parsed as the lastline_query expansion does.
 *
 * Lastline's hosted portals are fixed vendor hosts; an on-premise portal's
 * host comes from the user's link and goes through the URL guard.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { isRecord } from '../_shared/json-record.js';
import { LASTLINE_API_MESSAGES, LastlinePortal, type Credentials, lastlineCall } from '../_shared/lastline/client.js';
import { LINK_MESSAGES, parseAnalysisLink } from '../_shared/lastline/link.js';
import { isAnalysisResult, parseLastlineResult } from '../_shared/lastline/parser.js';

const MESSAGES = defineMessages({
  ...LASTLINE_API_MESSAGES.templates,
  ...LINK_MESSAGES.templates,
  noCredentials: 'Error parsing configuration: Arguments provided do not contain valid data',
  noLink: "Error parsing configuration: 'analysis_link' is missing (the link to a Lastline analysis).",
  notFinished: 'Error issuing the API call: Analysis is not finished yet.',
  empty: 'Error issuing the API call: Analysis report is empty.',
  notAResult: 'Error issuing the API call: Lastline answered a result without an analysis subject.',
});

function credentials(ctx: ModuleContext): Credentials {
  const username = ctx.config['username'];
  const password = ctx.config['password'];
  if (!username || !password) throw MESSAGES.error('noCredentials');
  return { username, password };
}


export default defineModule({
  name: 'lastline_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'Stefano Ortolani',
    description:
      'Deprecation notice: this module will be deprecated by December 2021, please use vmware_nsx module.\n\n' +
      'Module to import and parse reports from Lastline analysis links.',
    name: 'Lastline Import',
    logo: 'lastline.png',
    requirements: [],
    features:
      'The module requires a Lastline Portal `username` and `password`.\nThe module uses the new format and it is able to ' +
      'return MISP attributes and objects.\nThe module returns the same results as the ' +
      '[lastline_query](https://github.com/MISP/misp-modules/tree/main/misp_modules/modules/expansion/lastline_query.py) ' +
      'expansion module.',
    references: ['https://www.lastline.com'],
    input: 'Link to a Lastline analysis.',
    output: 'MISP attributes and objects parsed from the analysis report.',
  },
  config: {
    username: { description: 'Lastline Portal username.' },
    password: { description: 'Lastline Portal password.', secret: true },
    verify_ssl: {
      description:
        'Kept for compatibility: certificates are always verified (an admin can trust an on-premise CA with --ca-file).',
    },
  },
  attributes: {
    inputSource: [],
    format: 'misp_standard',
    userConfig: {
      analysis_link: { type: 'String', errorMessage: 'Expected analysis link', message: 'The link to a Lastline analysis' },
    },
  },
  messages: MESSAGES,
  async handle(_query, ctx) {
    const auth = credentials(ctx);
    const rawLink = ctx.config['analysis_link']?.trim();
    if (!rawLink) throw MESSAGES.error('noLink');
    const link = parseAnalysisLink(rawLink);
    if (['false', '0', 'no'].includes((ctx.config['verify_ssl'] ?? '').trim().toLowerCase())) {
      ctx.log.warn('verify_ssl is off in the settings, but certificates are always verified');
    }
    const portal = new LastlinePortal(ctx, link, auth);
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
