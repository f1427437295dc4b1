/**
 * nextcloud_talk: posts a message to a Nextcloud Talk conversation from a MISP
 * workflow: `POST {nextcloud_baseurl}/ocs/v2.php/apps/spreed/api/v1/chat/{token}`
 * with the OCS headers Talk requires (`OCS-APIRequest: true`, JSON in and
 * out), HTTP Basic with the app login and app token, body `{"message": …}`.
 *
 * Kept from upstream: the params, flags and message. The base URL is set by
 * the MISP admin in the workflow: reached as configured (TLS verified).
 * Fixed: upstream ignores the answer and reports success even when Nextcloud
 * refused the message; we answer an error naming Nextcloud Talk, the status
 * and the OCS message.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { chatMessage, workflowParams } from './_chat/message.js';
import { CHAT_PARAMS_META, MESSAGE_TEMPLATE_PARAM } from './_chat/params.js';

const MESSAGES = defineMessages({
  noBaseUrl: 'Nextcloud Talk: the nextcloud_baseurl param is empty.',
  badBaseUrl: 'Nextcloud Talk: "{url}" is not an http(s) URL.',
  noCredentials: 'Nextcloud Talk: the nextcloud_app_uuid_login and app_access_token params are both needed.',
  noConversation: 'Nextcloud Talk: the nextcloud_conversation_token param is empty.',
  notFound: 'Nextcloud Talk has no such conversation for this login (HTTP 404): check the nextcloud_conversation_token param.',
});

function baseUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

export default defineModule({
  name: 'nextcloud_talk',
  kind: 'action',
  moduleType: ['action'],
  meta: {
    version: '0.1',
    author: 'Jeroen Pinoy',
    description: 'Simplistic module to send a message to a Nextcloud talk conversation.',
    name: 'Nextcloud talk',
    ...CHAT_PARAMS_META,
  },
  action: {
    params: {
      nextcloud_baseurl: { type: 'string', description: 'The Nexctloud domain or URL', value: 'https://example.nextcloud.org:443' },
      nextcloud_app_uuid_login: { type: 'string', description: 'The nextcloud username' },
      app_access_token: { type: 'string', description: 'The nextcloud application token' },
      nextcloud_conversation_token: { type: 'string', description: 'The token of the conversation the message should be sent to' },
      message_template: MESSAGE_TEMPLATE_PARAM,
    },
    blocking: false,
    support_filters: true,
    expect_misp_core_format: false,
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const params = workflowParams(query);
    if (!params['nextcloud_baseurl']) throw MESSAGES.error('noBaseUrl');
    const base = baseUrl(params['nextcloud_baseurl']);
    if (!base) throw MESSAGES.error('badBaseUrl', { url: params['nextcloud_baseurl'].slice(0, 100) });
    const conversation = params['nextcloud_conversation_token'];
    if (!conversation) throw MESSAGES.error('noConversation');
    const talk = ctx.vendor({
      name: 'Nextcloud Talk',
      baseUrl: `${base}/ocs/v2.php/apps/spreed/api/v1`,
      settings: params,
      auth: { in: 'basic', username: 'nextcloud_app_uuid_login', password: 'app_access_token' },
      missingKey: () => MESSAGES.error('noCredentials'),
      headers: { 'OCS-APIRequest': 'true', Accept: 'application/json' },
    });
    const message = await chatMessage(ctx, query, params['message_template']);
    const response = await talk.request(`/chat/${encodeURIComponent(conversation)}`, { method: 'POST', json: { message }, retries: 0 });
    if (response.status === 404) throw MESSAGES.error('notFound');
    if (response.status < 200 || response.status > 299) throw talk.statusError(response);
    return { data: true };
  },
});
