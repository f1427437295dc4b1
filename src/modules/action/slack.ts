/**
 * slack: posts a message to a Slack channel from a MISP workflow, with
 * `chat.postMessage` as slack_sdk sends it (`POST https://slack.com/api/chat.postMessage`,
 * `Authorization: Bearer <bot token>`, a JSON body `{channel, text}`).
 *
 * Kept from upstream: the params (names, types, descriptions, placeholder),
 * `blocking: false`, `support_filters: true`, the message (the rendered
 * `message_template` over `matchingData` or `data`, else the data as a code block).
 * Fixed: upstream prints Slack's error and still answers `{"data": true}`; we
 * answer an error naming Slack and what it said (`channel_not_found`,
 * `invalid_auth`…), so the workflow shows that nothing was posted.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { chatMessage, workflowParams } from './_chat/message.js';
import { CHAT_PARAMS_META, MESSAGE_TEMPLATE_PARAM } from './_chat/params.js';

const MESSAGES = defineMessages({
  noToken: 'Slack: the slack_bot_token param is empty.',
  noChannel: 'Slack: the channel_id param is empty.',
  refusedToken: 'Slack refused the bot token (param slack_bot_token): {error}.',
  refused: 'Slack refused the message to channel {channel}: {error}.',
  unexpected: 'Slack answered something else than its Web API answer (HTTP {status}).',
});

/** Slack's answer to every Web API call (HTTP 200 even when `ok` is false). */
interface SlackAnswer {
  ok?: boolean;
  error?: string;
}

/** Errors that mean the token itself is wrong. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope']);

export default defineModule({
  name: 'slack',
  kind: 'action',
  moduleType: ['action'],
  meta: {
    version: '0.1',
    author: 'goodlandsecurity',
    description: 'Simplistic module to send messages to a Slack channel.',
    name: 'Slack',
    ...CHAT_PARAMS_META,
  },
  action: {
    params: {
      slack_bot_token: { type: 'string', description: 'The Slack bot token generated when you created the bot account' },
      channel_id: { type: 'string', description: 'The channel ID you want to post messages to' },
      message_template: MESSAGE_TEMPLATE_PARAM,
    },
    blocking: false,
    support_filters: true,
    expect_misp_core_format: false,
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const params = workflowParams(query);
    const channel = params['channel_id'];
    if (!params['slack_bot_token']) throw MESSAGES.error('noToken');
    if (!channel) throw MESSAGES.error('noChannel');
    const text = await chatMessage(ctx, query, params['message_template']);
    const slack = ctx.vendor({
      name: 'Slack',
      baseUrl: 'https://slack.com/api',
      settings: params,
      auth: { in: 'bearer', setting: 'slack_bot_token' },
      missingKey: () => MESSAGES.error('noToken'),
    });
    const response = await slack.request('/chat.postMessage', {
      method: 'POST',
      json: { channel, text },
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
      // A post is not idempotent: never sent twice.
      retries: 0,
    });
    if (response.status !== 200) throw slack.statusError(response);
    let answer: SlackAnswer;
    try {
      answer = response.json<SlackAnswer>();
    } catch {
      throw MESSAGES.error('unexpected', { status: response.status });
    }
    if (answer.ok === true) return { data: true };
    const error = typeof answer.error === 'string' ? answer.error : 'unknown_error';
    if (TOKEN_ERRORS.has(error)) throw MESSAGES.error('refusedToken', { error });
    throw MESSAGES.error('refused', { channel, error });
  },
});
