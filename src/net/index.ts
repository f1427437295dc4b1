/** The network layer's public surface. */
export type * from './types.js';
export { createNetwork, type Network, type QueryNetwork, type UpstreamConnectionCounts } from './network.js';
export {
  parseUpstreamOverrides,
  parseCidrList,
  proxyFromEnv,
  DEFAULTS as NETWORK_DEFAULTS,
  type NetworkSettings,
  type ProxySettings,
} from './settings.js';
export { HttpStatusError, statusLine } from './http-errors.js';
export { vendorErrorDetail } from './error-detail.js';
export { UrlGuardError } from './url-guard.js';
export { ConnectError } from './connect-errors.js';
export { DnsError, parseNameserver, parseDnsServers, DNS_DEFAULTS, type DnsErrorCode } from './dns-client.js';
export { basicAuthorization } from './request-parts.js';
export { classifyAddress, describeVerdict, type Verdict } from './special-ranges.js';
export { parseIp, parseCidr, type Cidr, type IpAddress } from './ip.js';
