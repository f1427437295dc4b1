/**
 * Lastline analysis links: `https://user.lastline.com/portal#/analyst/task/<32 hex>/overview`.
 * The portal API lives at `<scheme>://<host>/papi` of the same host (hosted or on-premise).
 *
 * Fixed from upstream: upstream calls a link hosted when its text merely
 * contains a hosted domain, so `http://user.lastline.com@127.0.0.1/…` (the
 * domain as user name) or `http://10.0.0.5/user.lastline.com/…` counted as
 * hosted, skipped the URL guard and received the admin's credentials. Here the
 * parsed host name must equal a hosted portal's exactly, and a hosted portal
 * is always reached at its own https:// origin (the link's scheme, port and
 * user info are not used for it).
 */
import { defineMessages } from '../../../base/messages.js';

/** The analysis link's messages (upstream's "Link does not contain a valid task uuid"), declared by lastline_import. */
export const LINK_MESSAGES = defineMessages({
  linkNotUrl: 'Error parsing configuration: the analysis link is not a URL: {link}',
  linkNotHttp: 'Error parsing configuration: the analysis link must be an https:// link to a Lastline portal.',
  badUuid: 'Error processing input parameters: Link does not contain a valid task uuid',
});

/** Lastline's hosted portals (upstream's LL_HOSTED_DOMAINS). */
export const HOSTED_PORTALS: readonly string[] = ['user.lastline.com', 'user.emea.lastline.com'];

export interface AnalysisLink {
  readonly link: string;
  /** `https://user.lastline.com/papi` */
  readonly apiUrl: string;
  readonly taskUuid: string;
  /** A Lastline-hosted portal (saas), not an on-premise appliance. */
  readonly hosted: boolean;
}

/** True when the parsed URL's host is one of Lastline's hosted portals (a trailing dot aside). */
export function isHostedPortal(url: URL): boolean {
  // WHATWG parsing has lower-cased the host and removed user info, port and path from it.
  return HOSTED_PORTALS.includes(url.hostname.replace(/\.$/, ''));
}

export function parseAnalysisLink(link: string): AnalysisLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw LINK_MESSAGES.error('linkNotUrl', { link: link.trim().slice(0, 200) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw LINK_MESSAGES.error('linkNotHttp');
  }
  // Upstream takes the first 32-hex run anywhere in the link.
  const taskUuid = /[a-fA-F0-9]{32}/.exec(link)?.[0];
  if (!taskUuid) throw LINK_MESSAGES.error('badUuid');
  const hosted = isHostedPortal(url);
  return {
    link: link.trim(),
    apiUrl: hosted ? `https://${url.hostname.replace(/\.$/, '')}/papi` : `${url.protocol}//${url.host}/papi`,
    taskUuid,
    hosted,
  };
}
