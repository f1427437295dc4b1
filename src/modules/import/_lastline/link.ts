/**
 * Lastline analysis links: `https://user.lastline.com/portal#/analyst/task/<32 hex>/overview`.
 * The portal API lives at `<scheme>://<host>/papi` of the same host (hosted or on-premise).
 */
import { ModuleError } from '../../../base/errors.js';

/** Lastline's hosted portals (upstream's LL_HOSTED_DOMAINS). */
export const HOSTED_PORTALS = ['user.lastline.com', 'user.emea.lastline.com'];

export interface AnalysisLink {
  readonly link: string;
  /** `https://user.lastline.com/papi` */
  readonly apiUrl: string;
  readonly taskUuid: string;
  /** A Lastline-hosted portal (saas), not an on-premise appliance. */
  readonly hosted: boolean;
}

export function parseAnalysisLink(link: string): AnalysisLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new ModuleError(`Error parsing configuration: the analysis link is not a URL: ${link.trim().slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ModuleError('Error parsing configuration: the analysis link must be an https:// link to a Lastline portal.');
  }
  // Upstream takes the first 32-hex run anywhere in the link.
  const taskUuid = /[a-fA-F0-9]{32}/.exec(link)?.[0];
  if (!taskUuid) throw new ModuleError('Error processing input parameters: Link does not contain a valid task uuid');
  return {
    link: link.trim(),
    apiUrl: `${url.protocol}//${url.host}/papi`,
    taskUuid,
    hosted: HOSTED_PORTALS.some((domain) => link.includes(domain)),
  };
}
