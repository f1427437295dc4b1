/**
 * mattermost: posts a message to a Mattermost channel from a MISP workflow,
 * as mattermostdriver does: `login()` with the bot token checks it
 * (`GET /api/v4/users/me`), then `POST /api/v4/posts` `{channel_id, message}`,
 * both with `Authorization: Bearer <token>`.
 *
 * Kept from upstream: the params, flags and message. `mattermost_hostname` is
 * a host name or a URL, set by the MISP admin in the workflow: reached as
 * configured (TLS verified, `--ca-file` honoured).
 * Fixed: upstream connects to port 443 even for an `http://` URL without a
 * port; we use the scheme's port. A failure is an error naming Mattermost and
 * its message, not a Python traceback.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { chatMessage, workflowParams } from './_chat/message.js';
import { CHAT_PARAMS_META, MESSAGE_TEMPLATE_PARAM } from './_chat/params.js';

const MESSAGES = defineMessages({
  noHost: 'Mattermost: the mattermost_hostname param is empty.',
  badHost: 'Mattermost: "{host}" is not a host name or an http(s) URL.',
  noToken: 'Mattermost: the bot_access_token param is empty.',
  noChannel: 'Mattermost: the channel_id param is empty.',
});

/** `example.mattermost.com`, `https://mm.example.org:8065/` → the server's origin. */
function serverOrigin(hostname: string): string | undefined {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(hostname) ? hostname : `https://${hostname}`;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

export default defineModule({
  name: 'mattermost',
  kind: 'action',
  moduleType: ['action'],
  meta: {
    version: '0.1',
    author: 'Sami Mokaddem',
    description: 'Simplistic module to send message to a Mattermost channel.',
    name: 'Mattermost',
    ...CHAT_PARAMS_META,
  },
  action: {
    params: {
      mattermost_hostname: { type: 'string', description: 'The Mattermost domain or URL', value: 'example.mattermost.com' },
      bot_access_token: { type: 'string', description: 'Access token generated when you created the bot account' },
      channel_id: { type: 'string', description: 'The channel you added the bot to' },
      message_template: MESSAGE_TEMPLATE_PARAM,
    },
    blocking: false,
    support_filters: true,
    expect_misp_core_format: false,
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const params = workflowParams(query);
    const host = params['mattermost_hostname'];
    if (!host) throw MESSAGES.error('noHost');
    const origin = serverOrigin(host.trim());
    if (!origin) throw MESSAGES.error('badHost', { host: host.slice(0, 100) });
    if (!params['bot_access_token']) throw MESSAGES.error('noToken');
    const channel = params['channel_id'];
    if (!channel) throw MESSAGES.error('noChannel');
    const mattermost = ctx.vendor({
      name: 'Mattermost',
      baseUrl: `${origin}/api/v4`,
      settings: params,
      auth: { in: 'bearer', setting: 'bot_access_token' },
      missingKey: () => MESSAGES.error('noToken'),
    });
    const message = await chatMessage(ctx, query, params['message_template']);
    await mattermost.get('/users/me');
    await mattermost.post('/posts', { json: { channel_id: channel, message }, retries: 0 });
    return { data: true };
  },
});
