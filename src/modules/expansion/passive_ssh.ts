/**
 * passive_ssh: what CIRCL Passive SSH (D4 passive-ssh) saw for an IP address
 * (`GET /host/ssh/{ip}`: its SSH keys) or an SSH key fingerprint
 * (`GET /fingerprint/all/{fingerprint}`: the hosts serving it), with HTTP
 * Basic auth (`api_user`/`api_key`). Answers one `passive-ssh` object related
 * to the input.
 *
 * Kept from upstream: the name, the settings (`custom_api_url` for a
 * self-hosted instance, `api_user`, `api_key`) and their messages, the fields
 * read (first_seen, last_seen, base64, keys[].fingerprint, hosts[]), "Non
 * existing hash" on a 404 and "Empty result" on an empty answer.
 * Fixed: upstream sent `…circl.lu//host/ssh/…` (its base URL ends in a slash):
 * we send one slash; a vendor failure names CIRCL Passive SSH, the HTTP
 * status and what it said instead of "API not accessible"; first/last seen,
 * which passive-ssh stores as epoch seconds, are written as dates; an answer
 * without any of the fields read is "Empty result" instead of an invalid
 * object.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleContext } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { pathSegment } from '../_shared/path-segment.js';

const INPUT_TYPES = ['ip-src', 'ip-dst', 'ssh-fingerprint'] as const;

const MESSAGES = defineMessages({
  noUser: 'passive-ssh user required',
  noPassword: 'passive-ssh password required',
  notFound: 'Non existing hash',
  empty: 'Empty result',
});

/** `/host/ssh/{ip}` and `/fingerprint/all/{fp}` answers (the fields we read). */
interface PassiveSshAnswer {
  first_seen?: unknown;
  last_seen?: unknown;
  base64?: unknown;
  keys?: unknown;
  hosts?: unknown;
}

/** passive-ssh keeps times as epoch seconds (often as text). */
function seen(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return /^\d+$/.test(value.trim()) ? Number(value) : value;
}

const strings = (list: unknown, pick: (item: unknown) => unknown = (item) => item): string[] =>
  (Array.isArray(list) ? list : []).map(pick).filter((item): item is string => typeof item === 'string' && item.trim() !== '');

/** Upstream's checks, in its order: the user, then the key. */
function credentialError(ctx: ModuleContext): Error {
  return ctx.config['api_user'] ? MESSAGES.error('noPassword') : MESSAGES.error('noUser');
}

function baseUrl(custom: string | undefined): string {
  return (custom?.trim() || 'https://passivessh.circl.lu').replace(/\/+$/, '');
}

export default defineModule({
  name: 'passive_ssh',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Jean-Louis Huynen',
    description: 'An expansion module to enrich, SSH key fingerprints and IP addresses with information collected by passive-ssh',
    name: 'Passive SSH Enrichment',
    logo: '',
    requirements: [],
    features: '',
    references: [],
    input: '',
    output: '',
  },
  config: {
    custom_api_url: { description: 'URL of a self-hosted passive-ssh instance (default https://passivessh.circl.lu/)' },
    api_user: { description: 'passive-ssh user name. Required.' },
    api_key: { description: 'passive-ssh password (API key). Required.', secret: true },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    if (!ctx.config['api_user'] || !ctx.config['api_key']) throw credentialError(ctx);
    const attribute = requireAttribute(query, INPUT_TYPES);
    const api = ctx.vendor({
      name: 'CIRCL Passive SSH',
      baseUrl: baseUrl(ctx.config['custom_api_url']),
      auth: { in: 'basic', username: 'api_user', password: 'api_key' },
      missingKey: () => credentialError(ctx),
    });
    const path = attribute.type === 'ssh-fingerprint' ? '/fingerprint/all' : '/host/ssh';
    const segment = pathSegment(attribute.value);
    if (segment === undefined) throw MESSAGES.error('notFound');
    const found = await api.find<PassiveSshAnswer>(`${path}/${segment}`);
    if (found === undefined) throw MESSAGES.error('notFound');
    if (typeof found !== 'object' || found === null || Array.isArray(found)) throw MESSAGES.error('empty');

    const base64 = typeof found.base64 === 'string' ? found.base64 : undefined;
    const fingerprints = strings(found.keys, (key) => (key as { fingerprint?: unknown } | null)?.fingerprint);
    const hosts = strings(found.hosts);
    if (!base64 && fingerprints.length === 0 && hosts.length === 0) throw MESSAGES.error('empty');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const object = result.addObject('passive-ssh', [
      ['first_seen', seen(found.first_seen)],
      ['last_seen', seen(found.last_seen)],
      ['base64', base64],
      ['fingerprint', fingerprints],
      ['host', hosts],
    ]);
    result.addReference(object.uuid, attribute.uuid, 'related-to');
    return result.toResults();
  },
});
