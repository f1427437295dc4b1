/**
 * yeti: the neighbours of an observable in the admin's Yeti (v1 REST API,
 * as pyeti calls it): `POST {url}/observablesearch/` with
 * `{"filter": {"value": …}, "params": {"page": 1, "range": 50, "regex": false}}`,
 * then `POST {url}/neighbors/tuples/Observable/{id}/Observable`, with the
 * `X-Api-Key` header. Each neighbour becomes, as upstream builds it:
 * - a `domain-ip` object (an IP next to a domain/hostname, or the reverse);
 * - a `url` object (a URL next to a domain/hostname/IP, or the reverse);
 * - a `dns-record` object for an "NS record" link;
 * - else an attribute of its type (comment "<link>: <input>", its Yeti tags).
 * Objects reference the input attribute (`related_to`).
 *
 * Kept from upstream: the name, misp_standard, the settings apikey and url
 * (the server is reached as configured, TLS verified), the input attribute
 * echoed, the mappings above and "Yeti Config Error".
 * Fixed: a value Yeti does not know is "<value> not found in Yeti." (upstream
 * crashes on it); a neighbour without a link is skipped (upstream: KeyError);
 * a Yeti failure names Yeti, the HTTP status and its message (pyeti returns
 * None and upstream crashes); pyeti's connection test (an empty
 * observablesearch whose answer is ignored) is not sent.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute, type InputAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { AttributeType } from '../../misp/types.js';

const INPUT_TYPES = ['AS', 'ip-src', 'ip-dst', 'hostname', 'domain', 'sha256', 'sha1', 'md5', 'url'] as const;

const MESSAGES = defineMessages({
  noConfig: 'Yeti Config Error',
  notFound: '{value} not found in Yeti.',
});

const YETI_TO_MISP: Record<string, AttributeType> = {
  Ip: 'ip-dst',
  Domain: 'domain',
  Hostname: 'hostname',
  Url: 'url',
  AutonomousSystem: 'AS',
  File: 'sha256',
};

interface YetiObservable {
  id: string;
  value: string;
  type: string;
  tags?: Array<{ name?: string }>;
}

interface YetiNeighbours {
  links?: Array<{ src?: { id?: string }; dst?: { id?: string }; description?: string }>;
  objs?: YetiObservable[];
}

/** Upstream's `__get_relation`: ip, domain (hostnames too) or url. */
function relationOf(type: string | undefined): 'ip' | 'domain' | 'url' | undefined {
  if (type === 'ip-src' || type === 'ip-dst') return 'ip';
  if (type === 'domain' || type === 'hostname') return 'domain';
  if (type === 'url') return 'url';
  return undefined;
}

const isObservable = (value: unknown): value is YetiObservable =>
  typeof value === 'object' && value !== null && typeof (value as YetiObservable).id === 'string' && typeof (value as YetiObservable).value === 'string' && typeof (value as YetiObservable).type === 'string';

/** Each neighbour with the link's description and which end of the link it is. */
function neighboursWithLinks(found: YetiNeighbours, id: string): Array<[YetiObservable, string, 'src' | 'dst']> {
  const links = new Map<string, [string, 'src' | 'dst']>();
  for (const link of found.links ?? []) {
    const description = typeof link.description === 'string' ? link.description : '';
    if (link.dst?.id && link.dst.id !== id) links.set(link.dst.id, [description, 'dst']);
  }
  for (const link of found.links ?? []) {
    const description = typeof link.description === 'string' ? link.description : '';
    if (link.src?.id && link.src.id !== id) links.set(link.src.id, [description, 'src']);
  }
  return (found.objs ?? []).filter(isObservable).flatMap((obs) => {
    const link = links.get(obs.id);
    return link ? [[obs, link[0], link[1]] as [YetiObservable, string, 'src' | 'dst']] : [];
  });
}

function addNeighbour(result: MispResultBuilder, input: InputAttribute, obs: YetiObservable, description: string, end: 'src' | 'dst'): void {
  const neighbourType = YETI_TO_MISP[obs.type];
  const inputRelation = relationOf(input.type);
  if ((obs.type === 'Ip' && ['hostname', 'domain'].includes(input.type)) || (['Hostname', 'Domain'].includes(obs.type) && ['ip-src', 'ip-dst'].includes(input.type))) {
    const object = result.addObject('domain-ip', [
      [relationOf(neighbourType) as 'ip' | 'domain', obs.value],
      [inputRelation as 'ip' | 'domain', input.value],
    ]);
    result.addReference(object.uuid, input.uuid, 'related_to');
    return;
  }
  if ((obs.type === 'Url' && ['hostname', 'domain', 'ip-src', 'ip-dst'].includes(input.type)) || (['Hostname', 'Domain', 'Ip'].includes(obs.type) && input.type === 'url')) {
    const object = result.addObject('url', [
      [relationOf(neighbourType) as 'ip' | 'domain' | 'url', obs.value],
      [inputRelation as 'ip' | 'domain' | 'url', input.value],
    ]);
    result.addReference(object.uuid, input.uuid, 'related_to');
    return;
  }
  if (description === 'NS record') {
    const [queried, ns] = end === 'dst' ? [input.value, obs.value] : [obs.value, input.value];
    const object = result.addObject('dns-record', [['queried-domain', queried], ['ns-record', ns]]);
    result.addReference(object.uuid, input.uuid, 'related_to');
    return;
  }
  if (!neighbourType) return;
  const value = obs.type === 'File' ? obs.value.split(':')[1] : obs.value;
  if (!value) return;
  result.addAttribute({
    type: neighbourType,
    value,
    comment: `${description}: ${input.value}`,
    tags: (obs.tags ?? []).map((tag) => tag.name).filter((name): name is string => typeof name === 'string' && name !== ''),
  });
}

export default defineModule({
  name: 'yeti',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'Sebastien Larinier @sebdraven',
    description: 'Module to process a query on Yeti.',
    name: 'Yeti Lookup',
    logo: 'yeti.png',
    requirements: ['API key '],
    features: 'This module add context and links between observables using yeti',
    references: ['https://github.com/yeti-platform/yeti', 'https://github.com/sebdraven/pyeti'],
    input: 'A domain, hostname,IP, sha256,sha1, md5, url of MISP attribute.',
    output: 'MISP attributes and objects fetched from the Yeti instances.',
  },
  config: {
    apikey: { description: 'Your Yeti API key.', secret: true },
    url: { description: 'URL of your Yeti API (e.g. https://yeti.example.org/api/), reached as configured.' },
  },
  attributes: { input: [...INPUT_TYPES], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, INPUT_TYPES);
    const url = ctx.config['url'];
    if (!ctx.config['apikey'] || !url) throw MESSAGES.error('noConfig');
    const yeti = ctx.vendor({
      name: 'Yeti',
      baseUrl: url.trim().replace(/\/+$/, ''),
      auth: { in: 'header', header: 'X-Api-Key', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noConfig'),
      headers: { accept: 'application/json' },
    });
    const found = await yeti.post<unknown>('/observablesearch/', { json: { filter: { value: attribute.value }, params: { page: 1, range: 50, regex: false } } });
    const observable = Array.isArray(found) ? found.find(isObservable) : undefined;
    if (!observable) throw MESSAGES.error('notFound', { value: attribute.value });
    const neighbours = await yeti.post<YetiNeighbours>(`/neighbors/tuples/Observable/${encodeURIComponent(observable.id)}/Observable`);

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    if (typeof neighbours === 'object' && neighbours !== null && !Array.isArray(neighbours)) {
      for (const [obs, description, end] of neighboursWithLinks(neighbours, observable.id)) addNeighbour(result, attribute, obs, description, end);
    }
    return result.toResults();
  },
});
