/** The VirusTotal family's proxy_* and event_limit settings, read as upstream's get_proxy_settings does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defineMessages } from '../../../src/base/messages.js';
import { eventLimit, proxyFromSettings, VT_FAMILY_MESSAGES } from '../../../src/modules/expansion/_virustotal/settings.js';

const MESSAGES = defineMessages(VT_FAMILY_MESSAGES);
const proxy = (config: Record<string, string>) => proxyFromSettings(config, 'virustotal', MESSAGES);

test('proxy settings become one proxy URL', () => {
  assert.equal(proxy({}), undefined);
  assert.equal(proxy({ proxy_host: '', proxy_port: '3128' }), undefined);
  assert.equal(proxy({ proxy_host: 'http://proxy.example', proxy_port: '3128' }), 'http://proxy.example:3128');
  // As upstream: an https scheme still talks to the proxy in http; the port setting wins over one in the host.
  assert.equal(proxy({ proxy_host: 'https://proxy.example:8443/', proxy_port: '3128' }), 'http://proxy.example:3128');
  // Upstream drops a host without a scheme (its URL becomes http://:3128); we take it as http.
  assert.equal(proxy({ proxy_host: 'proxy.example', proxy_port: '3128' }), 'http://proxy.example:3128');
  assert.equal(
    proxy({ proxy_host: 'http://proxy.example', proxy_port: '3128', proxy_username: 'dom\\user', proxy_password: 'p@ss:w/rd' }),
    'http://dom%5Cuser:p%40ss%3Aw%2Frd@proxy.example:3128',
  );
  assert.equal(proxy({ proxy_host: 'socks5://proxy.example', proxy_port: '1080' }), 'socks5://proxy.example:1080');
});

test('incomplete proxy settings are named', () => {
  assert.throws(() => proxy({ proxy_host: 'http://proxy.example' }), {
    message: 'The virustotal_proxy_host config is set, please also set the virustotal_proxy_port.',
  });
  assert.throws(() => proxy({ proxy_host: 'http://proxy.example', proxy_port: '3128', proxy_username: 'me' }), {
    message: 'The virustotal_proxy_username config is set, please also set the virustotal_proxy_password.',
  });
});

test('event_limit: a whole number, 10 when empty or 0', () => {
  assert.equal(eventLimit({}, MESSAGES), 10);
  assert.equal(eventLimit({ event_limit: '' }, MESSAGES), 10);
  assert.equal(eventLimit({ event_limit: '0' }, MESSAGES), 10);
  assert.equal(eventLimit({ event_limit: ' 25 ' }, MESSAGES), 25);
  for (const bad of ['ten', '-1', '2.5']) {
    assert.throws(() => eventLimit({ event_limit: bad }, MESSAGES), { message: `The event_limit setting must be a whole number, not "${bad}".` });
  }
});
