/**
 * yara_export: a YARA file from MISP events. As upstream, per event:
 * - each `yara` attribute (whatever its IDS flag), cleaned and with its
 *   rules renamed `MISP_e<event id>_<name>` (./_yara/normalize.ts), kept
 *   only if it compiles (./_yara/select.ts, with libyara on a worker);
 * - then one rule `MISP_e<event id>_<info>` with the event's metadata, a
 *   meta `link` per link attribute, and a text string per IDS attribute of
 *   the string types (./_yara/event-rule.ts); an event without any gives
 *   an empty line.
 * Pieces are joined with "\n".
 *
 * Fixed: upstream crashed on every IDS composite attribute (filename|md5,
 * domain|ip, ip-dst|port, …) and malware-sample (its handlers were called
 * with the wrong arguments), and on events in the core format (it read
 * Orgc and Attribute beside Event). Here each part of a composite value
 * whose type is a string type becomes a string (the file name of
 * filename|md5 and malware-sample, the domain and the IP of domain|ip, the
 * address of ip|port), as upstream meant. Rule names keep ASCII letters,
 * digits and `_` only (upstream kept any Unicode letter, which YARA
 * refuses), at most 128 characters, and a suffix `_2`, … when a name is
 * already taken in the file. An event without an id gives `MISP_e_…`.
 */
import { defineModule } from '../../core/module.js';
import type { EventAttribute, NormalizedEvent } from '../../misp/event.js';
import { MAX_IDENTIFIER_LENGTH, identifierPart } from '../_shared/yara/text.js';
import { EventRule } from './_yara/event-rule.js';
import { normalizeYara, type NormalizedYara } from './_yara/normalize.js';
import type { SelectTaskInput } from './_yara/select-task.js';
import { exportEvents } from './_text/events.js';
import { exportFile } from './_text/file.js';
import { EVENTS_MESSAGES } from './_text/messages.js';

const TASK = new URL('./_yara/select-task.js', import.meta.url);

type Handler = 'string' | 'combined' | 'yara' | 'malware-sample' | 'meta';

const STRING_TYPES = [
  'hostname', 'domain', 'ip', 'ip-src', 'ip-dst', 'url', 'email', 'email-src', 'email-dst', 'email-subject',
  'email-attachment', 'email-header', 'email-reply-to', 'email-x-mailer', 'email-mime-boundary',
  'email-thread-index', 'email-message-id', 'filename', 'pattern-in-file', 'pattern-in-traffic', 'pattern-in-memory',
];
const COMBINED_TYPES = [
  'hostname|port', 'domain|ip', 'ip-dst|port', 'ip-src|port', 'filename|md5', 'filename|sha1', 'filename|sha256',
  'filename|authentihash', 'filename|vhash', 'filename|ssdeep', 'filename|imphash', 'filename|impfuzzy',
  'filename|pehash', 'filename|sha224', 'filename|sha384', 'filename|sha512', 'filename|sha512/224',
  'filename|sha512/256', 'filename|sha3-224', 'filename|sha3-256', 'filename|sha3-384', 'filename|sha3-512',
  'filename|tlsh',
];
const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['yara', 'yara'],
  ['malware-sample', 'malware-sample'],
  ['link', 'meta'],
  ...STRING_TYPES.map((type): [string, Handler] => [type, 'string']),
  ...COMBINED_TYPES.map((type): [string, Handler] => [type, 'combined']),
]);

interface EventPlan {
  baseName: string;
  yara: NormalizedYara[];
  rule: EventRule;
}

/** Each part of `type` = `a|b` whose own type is a string type becomes a string. */
function addCombined(rule: EventRule, type: string, value: string): void {
  const [typeA, typeB] = type.split('|') as [string, string];
  const at = value.lastIndexOf('|');
  const parts: Array<[string, string]> = at < 0 ? [[typeA, value]] : [[typeA, value.slice(0, at)], [typeB, value.slice(at + 1)]];
  for (const [partType, part] of parts) if (HANDLERS.get(partType) === 'string') rule.addString(partType, part);
}

function addAttribute(plan: EventPlan, attribute: EventAttribute, eventId: string): void {
  const handler = HANDLERS.get(attribute.type);
  if (handler === 'yara') plan.yara.push(normalizeYara(attribute.value, attribute.event_id || eventId));
  else if (handler === 'meta') plan.rule.addMeta(attribute.type, attribute.value);
  else if (!attribute.to_ids) return;
  else if (handler === 'string') plan.rule.addString(attribute.type, attribute.value);
  else if (handler === 'combined') addCombined(plan.rule, attribute.type, attribute.value);
  else if (handler === 'malware-sample') addCombined(plan.rule, 'filename|md5', attribute.value);
}

function planEvent(event: NormalizedEvent): EventPlan {
  const info = event.event;
  const id = info.id ?? '';
  const plan: EventPlan = { baseName: `MISP_e${id}_${identifierPart(info.info)}`, yara: [], rule: new EventRule() };
  plan.rule.addMeta('description', info.info);
  plan.rule.addMeta('author', info.Orgc?.name === undefined ? 'MISP' : `MISP - ${info.Orgc.name}`);
  plan.rule.addMeta('misp_event_date', info.date);
  plan.rule.addMeta('misp_event_id', id);
  plan.rule.addMeta('misp_event_uuid', info.uuid);
  for (const attribute of event.attributes) addAttribute(plan, attribute, id);
  for (const object of event.objects) for (const attribute of object.Attribute) addAttribute(plan, attribute, id);
  return plan;
}

/** `count` names from `base` not yet in `taken` (which they join). */
function uniqueNames(base: string, count: number, taken: Set<string>): string[] {
  const names: string[] = [];
  for (let n = 1; names.length < count; n++) {
    const suffix = n === 1 ? '' : `_${n}`;
    const name = base.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length) + suffix;
    if (!taken.has(name)) {
      taken.add(name);
      names.push(name);
    }
  }
  return names;
}

export default defineModule({
  name: 'yara_export',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '0.1',
    author: 'Christophe Vandeplas',
    description: 'This module is used to export MISP events to YARA.',
    name: 'YARA Rule Export',
    logo: 'yara.png',
    requirements: ['libyara (bundled, compiled to WebAssembly)'],
    features:
      'The module will dynamically generate YARA rules for attributes that are marked as to IDS. Basic metadata about' +
      ' the event is added to the rule.\nAttributes that are already YARA rules are also exported, with a rewritten' +
      ' rule name.',
    references: ['https://virustotal.github.io/yara/'],
    input: 'Attributes and Objects.',
    output: 'A YARA file that can be used with the YARA scanning tool.',
  },
  messages: EVENTS_MESSAGES,
  attributes: { responseType: 'text/plain', userConfig: {}, outputFileExtension: 'yara', inputSource: ['event'] },
  async handle(query, ctx) {
    const plans = exportEvents(query).map(planEvent);
    const pieces = plans.flatMap((plan) => plan.yara.map((yara) => yara.source));
    const keep = pieces.length === 0 ? [] : await ctx.workers.run<SelectTaskInput, boolean[]>(TASK, { pieces });
    let index = 0;
    const kept = plans.map((plan) => plan.yara.filter(() => keep[index++] === true));
    const taken = new Set(kept.flat().flatMap((yara) => yara.names));
    const output = plans.flatMap((plan, i) => [
      ...kept[i]!.map((yara) => yara.source),
      plan.rule.render((parts) => uniqueNames(plan.baseName, parts, taken)),
    ]);
    return exportFile(output.join('\n'));
  },
});
