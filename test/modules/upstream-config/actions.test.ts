/**
 * The five upstream action modules as MISP's workflow editor reads them from
 * GET /modules: `meta.config` and `mispattributes.config` hold the params
 * (names, types, descriptions, placeholder values, jinja support) and the
 * blocking / support_filters / expect_misp_core_format flags, written here
 * from upstream's action_mod/*.py moduleconfig.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';

const TEMPLATE = {
  type: 'large_string',
  description: 'The template to be used to generate the message to be posted',
  value: 'The **template** will be rendered using *Jinja2*!',
  jinja_supported: true,
};
const FLAGS = { blocking: false, support_filters: true, expect_misp_core_format: false };

const UPSTREAM: Record<string, unknown> = {
  slack: {
    params: {
      slack_bot_token: { type: 'string', description: 'The Slack bot token generated when you created the bot account' },
      channel_id: { type: 'string', description: 'The channel ID you want to post messages to' },
      message_template: TEMPLATE,
    },
    ...FLAGS,
  },
  mattermost: {
    params: {
      mattermost_hostname: { type: 'string', description: 'The Mattermost domain or URL', value: 'example.mattermost.com' },
      bot_access_token: { type: 'string', description: 'Access token generated when you created the bot account' },
      channel_id: { type: 'string', description: 'The channel you added the bot to' },
      message_template: TEMPLATE,
    },
    ...FLAGS,
  },
  nextcloud_talk: {
    params: {
      nextcloud_baseurl: { type: 'string', description: 'The Nexctloud domain or URL', value: 'https://example.nextcloud.org:443' },
      nextcloud_app_uuid_login: { type: 'string', description: 'The nextcloud username' },
      app_access_token: { type: 'string', description: 'The nextcloud application token' },
      nextcloud_conversation_token: { type: 'string', description: 'The token of the conversation the message should be sent to' },
      message_template: TEMPLATE,
    },
    ...FLAGS,
  },
  export_sentinel: {
    params: {
      misp2_venv: { type: 'string', description: 'Where is the MISP2Sentinel or MISP2Defender Python virtual environment?', value: '/var/www/MISP/misp-custom/misp2sentinel/venv/' },
      misp2_script: { type: 'string', description: 'Where is the MISP2Sentinel or MISP2Defender installation?', value: '/var/www/MISP/misp-custom/misp2sentinel/script.py' },
    },
    ...FLAGS,
  },
  testaction: {
    params: {
      foo: { type: 'string', description: 'blablabla', value: 'xyz' },
      'Data extraction path': { type: 'hash_path', description: 'Only post content extracted from this path', value: 'Attribute.{n}.AttributeTag.{n}.Tag.name' },
    },
    blocking: false,
    support_filters: false,
    expect_misp_core_format: false,
  },
};

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('GET /modules lists the five upstream action modules with upstream\'s params and flags', async () => {
  const modules = (await server.get('/modules')).json() as Array<{ name: string; type: string; meta: Record<string, unknown>; mispattributes: Record<string, unknown> }>;
  const actions = modules.filter((m) => m.type === 'action_mod');
  assert.deepEqual(actions.map((m) => m.name).sort(), Object.keys(UPSTREAM).sort());
  for (const module of actions) {
    assert.deepEqual(module.meta['module-type'], ['action'], module.name);
    assert.deepEqual(module.meta['config'], UPSTREAM[module.name], `${module.name} meta.config`);
    assert.deepEqual(module.mispattributes['config'], UPSTREAM[module.name], `${module.name} mispattributes.config`);
  }
});
