/**
 * stairwell: what Stairwell knows about a file hash
 * (`GET https://app.stairwell.com/v1/objects/{hash}/metadata`, the key in
 * `Authorization` as is), as a `stairwell` object: hashes, size, magic,
 * MIME type, entropy, first seen, the environments that saw it, the YARA
 * rules it matched (with the environment they come from) and the MalEval
 * verdict; the hashes carry MalEval's labels as tags.
 *
 * Kept from upstream: the name, misp_standard, the setting apikey, the
 * environment names, the comments, distribution 5 on every attribute, and
 * upstream's messages (missing key, attribute, type, and Stairwell's error
 * codes 16 / 5 / 2 with its message).
 * Fixed: the import hash goes to the template's `imphash` (upstream writes
 * to a relation `impash` the template lacks) and YARA matches are `comment`s
 * as the template says (upstream: `text`); an answer without malEval, or
 * with a YARA match without environment, no longer crashes the module; the
 * hash is encoded into the path; other failures name Stairwell, the HTTP
 * status and its message.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder, type RelationEntry } from '../../misp/standard-result.js';

const INPUT_TYPES = ['md5', 'sha1', 'sha256'];

const MESSAGES = defineMessages({
  noKey: 'A Stairwell api key is required for this module!',
  noAttribute: 'This module requires an "attribute" field as input, containing at least a "type" field and a "value" field.',
  unsupported: 'Unsupported attribute type!',
  badKey: '{message} Is api key valid?',
  notFound: '{type}:{value} {message}',
  invalid: '{message}',
  yaraComment: 'Rule from: {environment}',
  environmentComment: 'Hash observed in',
  unexpected: 'Stairwell answered with an unexpected document.',
});

const ENVIRONMENTS: Record<string, string> = {
  'NCS2SM-YHB2KT-SAFUDX-JC7F6WYA': "Florian's Open Rules",
  'VR9Z98-4KU7ZC-PCNFEG-FURQ66FW': 'Jotti',
  'D7W6M6-BA9BS4-BQ23Z4-NKCNWQ96': 'Malshare',
  'D4447Q-WJJL6P-W7ME89-WHXJK8TW': 'Malware Bazaar',
  'XAKLND-DKWP3Z-56RL88-6XJ5NH46': 'Pro Rules',
  'GMEELM-K226XF-F95XZL-7VEJFKZ6': 'Public Samples',
  '5HEG8N-9T7UPG-8SZJ7T-2J4XSDC6': 'RH-ISAC',
  '2NN2BJ-HDVQHS-49824H-2SEDBBLJ': 'RH-ISAC Malware Sharing',
  'VCZTNF-8S76AK-LUU53W-2SWFFZWJ': 'Stairwell Experimental Rules',
  'GEG6FU-MRARGF-TLTM6X-H6MGDT5E': 'Stairwell Methodology Rules',
  'EB3DXY-3ZYFVH-6HNKJQ-GAPKHESS': 'Stairwell OSINT Rules',
  'NQNJM6-5LSCAF-3MC5FJ-W8EKGW6N': 'Stairwell Research Rules',
  'TT9GM5-JUMD8H-9828FL-GAW5NNXE': 'stairwell-public-verdicts',
  'MKYSAR-3XN9MB-3VAK3R-888ZJUTJ': 'Threat Report Feeds',
  '6HP5R3-ZM7DAN-RB4732-X6QPCJ36': 'Virusshare',
  'TV6WCV-7Y79LE-BK79EY-C8GUEY46': 'vxintel',
};

/** Stairwell's object metadata (the fields read). */
interface ObjectMetadata {
  environments?: string[];
  imphash?: string;
  magic?: string;
  malEval?: { labels?: string[]; probabilityBucket?: string; severity?: string };
  md5?: string;
  mimeType?: string;
  sha1?: string;
  sha256?: string;
  shannonEntropy?: number;
  size?: string | number;
  stairwellFirstSeenTime?: string;
  tlsh?: string;
  yaraRuleMatches?: string[];
  code?: number;
  message?: string;
}

type StairwellRelation = 'environment' | 'imphash' | 'magic' | 'malEval-probability' | 'malEval-severity' | 'md5' | 'mime-type' | 'sha1' | 'sha256' | 'entropy' | 'size-in-bytes' | 'stairwell-first-seen' | 'tlsh' | 'yara-rule-match';

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : []);
const scalar = (value: unknown): string | number | undefined => (typeof value === 'string' && value !== '') || typeof value === 'number' ? value : undefined;

/** The relations of the stairwell object, in upstream's order. */
function relations(found: ObjectMetadata): Array<RelationEntry<StairwellRelation>> {
  const common = { distribution: 5 };
  const labels = strings(found.malEval?.labels);
  const hash = (relation: 'md5' | 'sha1' | 'sha256', value: unknown): RelationEntry<StairwellRelation> => ({ relation, value: scalar(value), ...common, tags: labels });
  const entries: Array<RelationEntry<StairwellRelation>> = [];
  for (const environment of strings(found.environments)) {
    entries.push({ relation: 'environment', value: ENVIRONMENTS[environment] ?? `Unknown Environment: ${environment}`, comment: MESSAGES.format('environmentComment'), ...common });
  }
  entries.push({ relation: 'imphash', value: scalar(found.imphash), ...common });
  entries.push({ relation: 'magic', value: scalar(found.magic), ...common });
  entries.push({ relation: 'malEval-probability', value: scalar(found.malEval?.probabilityBucket), ...common });
  entries.push({ relation: 'malEval-severity', value: scalar(found.malEval?.severity), ...common });
  entries.push(hash('md5', found.md5));
  entries.push({ relation: 'mime-type', value: scalar(found.mimeType), ...common });
  entries.push(hash('sha1', found.sha1));
  entries.push(hash('sha256', found.sha256));
  entries.push({ relation: 'entropy', value: scalar(found.shannonEntropy), ...common });
  entries.push({ relation: 'size-in-bytes', value: scalar(found.size), ...common });
  entries.push({ relation: 'stairwell-first-seen', value: scalar(found.stairwellFirstSeenTime), ...common });
  entries.push({ relation: 'tlsh', value: scalar(found.tlsh), ...common });
  for (const rule of strings(found.yaraRuleMatches)) {
    const [before, name] = rule.includes('yaraRules/') ? [rule.slice(0, rule.indexOf('yaraRules/')), rule.slice(rule.indexOf('yaraRules/') + 'yaraRules/'.length)] : ['', rule];
    const environment = /\b[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{6}-[A-Z0-9]{8}\b/.exec(before)?.[0];
    entries.push({
      relation: 'yara-rule-match',
      value: name,
      comment: MESSAGES.format('yaraComment', { environment: (environment && ENVIRONMENTS[environment]) || 'Unknown UUID!' }),
      ...common,
    });
  }
  return entries;
}

export default defineModule({
  name: 'stairwell',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'goodlandsecurity',
    description: 'Module to query the Stairwell API to get additional information about the input hash attribute',
    name: 'Stairwell Lookup',
    logo: 'stairwell.png',
    requirements: ['Access to Stairwell platform (apikey)'],
    features:
      "The module takes a hash attribute as input and queries Stariwell's API to fetch additional data about it. The" +
      ' result, if the payload is observed in Stariwell, is a file object describing the file the input hash is' +
      ' related to.',
    references: ['https://stairwell.com', 'https://docs.stairwell.com'],
    input: 'A hash attribute (md5, sha1, sha256).',
    output: 'File object related to the input attribute found on Stairwell platform.',
  },
  config: { apikey: { description: 'Your Stairwell API key.', secret: true } },
  attributes: { input: INPUT_TYPES, format: 'misp_standard' },
  // Upstream checks the key before the attribute, with its own messages.
  checkInput: false,
  messages: MESSAGES,
  async handle(query, ctx) {
    if (!ctx.config['apikey']) throw MESSAGES.error('noKey');
    const attribute = query['attribute'] as Record<string, unknown> | undefined;
    if (typeof attribute !== 'object' || attribute === null || typeof attribute['type'] !== 'string' || (typeof attribute['value'] !== 'string' && typeof attribute['value'] !== 'number')) {
      throw MESSAGES.error('noAttribute');
    }
    const type = attribute['type'];
    const value = String(attribute['value']).trim();
    if (!INPUT_TYPES.includes(type)) throw MESSAGES.error('unsupported');

    const stairwell = ctx.vendor({
      name: 'Stairwell',
      baseUrl: 'https://app.stairwell.com/v1',
      auth: { in: 'header', header: 'Authorization', setting: 'apikey' },
      missingKey: () => MESSAGES.error('noKey'),
      headers: { accept: 'application/json', 'user-agent': 'misp-module stairwell 0.1' },
    });
    const response = await stairwell.request(`/objects/${encodeURIComponent(value)}/metadata`);
    if (response.status === 429) throw stairwell.statusError(response);
    let found: ObjectMetadata;
    try {
      found = response.json<ObjectMetadata>();
    } catch (error) {
      if (response.status < 200 || response.status > 299) throw stairwell.statusError(response);
      throw error;
    }
    if (typeof found !== 'object' || found === null || Array.isArray(found)) {
      if (response.status < 200 || response.status > 299) throw stairwell.statusError(response);
      throw MESSAGES.error('unexpected');
    }
    const message = typeof found.message === 'string' ? found.message : '';
    if (found.code === 16) throw MESSAGES.error('badKey', { message });
    if (found.code === 5) throw MESSAGES.error('notFound', { type, value, message });
    if (found.code === 2) throw MESSAGES.error('invalid', { message });
    if (response.status < 200 || response.status > 299 || found.code) throw stairwell.statusError(response);

    const result = new MispResultBuilder();
    result.addObject('stairwell', relations(found), { distribution: 5 });
    return result.toResults();
  },
});
