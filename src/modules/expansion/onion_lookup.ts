/**
 * onion_lookup: what AIL's onion-lookup service knows of a Tor hidden
 * service (`GET /api/lookup/{onion}`): when it was first and last seen up,
 * its languages, page titles and AIL's tags. Answers a `tor-hiddenservice`
 * object `expanded-from` the input, and AIL's tags on the input attribute and
 * on the object's address.
 *
 * Kept from upstream: the name, no settings, the fields read (id, first_seen,
 * last_seen, languages, titles, tags) and where the tags go.
 * Fixed: upstream wrote the placeholder comments "custom comment" (over the
 * analyst's own comment on the input attribute) and "custom-comment2": we
 * write none; an onion AIL does not know (`{}`: upstream crashed) is "not
 * known" and a malformed address is the service's own error; a vendor failure
 * names AIL onion-lookup, the HTTP status and what it said.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { pathSegment } from '../_shared/path-segment.js';

const MESSAGES = defineMessages({
  unknown: 'AIL onion-lookup does not know {onion}.',
  serviceError: 'AIL onion-lookup: {error}',
});

/** An onion-lookup answer (AIL's domain metadata), or `{error}`, or `{}`. */
interface OnionDetails {
  id?: unknown;
  first_seen?: unknown;
  last_seen?: unknown;
  languages?: unknown;
  titles?: unknown;
  tags?: unknown;
  error?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

const strings = (list: unknown): string[] =>
  (Array.isArray(list) ? list : []).map(text).filter((item): item is string => item !== undefined);

export default defineModule({
  name: 'onion_lookup',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Sami Mokaddem',
    description: 'MISP module using the MISP standard. Uses the onion-lookup service to get information about an onion.',
    name: 'Onion Lookup',
    logo: 'onion.png',
    references: ['https://onion.ail-project.org/'],
  },
  config: {},
  attributes: { input: ['onion-address'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, ['onion-address']);
    const onion = attribute.value.trim();
    const api = ctx.vendor({ name: 'AIL onion-lookup', baseUrl: 'https://onion.ail-project.org' });
    const segment = pathSegment(onion);
    if (segment === undefined) throw MESSAGES.error('unknown', { onion });
    const details = await api.find<OnionDetails>(`/api/lookup/${segment}`);
    if (typeof details !== 'object' || details === null || Array.isArray(details)) throw MESSAGES.error('unknown', { onion });
    const error = text(details.error);
    if (error) throw MESSAGES.error('serviceError', { error });
    const address = text(details.id);
    if (!address) throw MESSAGES.error('unknown', { onion });

    const tags = strings(details.tags);
    const result = new MispResultBuilder();
    const existing = Array.isArray(attribute['Tag']) ? (attribute['Tag'] as unknown[]) : [];
    result.echoInputAttribute({ ...attribute, Tag: [...existing, ...tags.map((name) => ({ name }))] });
    const object = result.addObject('tor-hiddenservice', [
      { relation: 'address', value: address, tags },
      ['first-seen', text(details.first_seen)],
      ['last-seen', text(details.last_seen)],
      ['language', strings(details.languages)],
      ['title', strings(details.titles)],
    ]);
    result.addReference(object.uuid, attribute.uuid, 'expanded-from');
    return result.toResults();
  },
});
