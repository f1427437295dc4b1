/**
 * A Network for tests: no proxy (whatever the environment says), a test
 * User-Agent, and whatever the test overrides (`upstreams` pointing vendor
 * hosts at loopback fakes, `allowUrlRanges`, short timeouts…).
 *
 *   const net = testNetwork({ upstreams: { 'cve.circl.lu': fake.url } });
 *   t.after(() => net.close());
 *   const { http } = net.forQuery(AbortSignal.timeout(5000));
 */
import { createNetwork, type Network } from '../../src/net/network.js';
import type { NetworkSettings } from '../../src/net/settings.js';

export const TEST_USER_AGENT = 'misp-modules-ts/test';

export function testNetwork(settings: Partial<NetworkSettings> = {}): Network {
  return createNetwork({ userAgent: TEST_USER_AGENT, proxy: {}, ...settings }, {});
}
