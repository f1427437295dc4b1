/**
 * mispjson: the attributes of a MISP JSON event, offered for import into
 * another event (legacy results, one entry per attribute). Reads MISP's
 * JSON export (`{"Event": {…}}`) and the API's `{"response": [{"Event": …}]}`.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { isAttributeType, isCategory } from '../../misp/attribute-types.js';
import { normalizeEvent, type EventAttribute, type NormalizedEvent } from '../../misp/event.js';
import { legacyResults, type LegacyEntryInput } from '../../misp/legacy-result.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';

const MESSAGES = defineMessages({
  ...TEXT_MESSAGES.templates,
  notJson: 'The file is not valid JSON: {reason}',
  noEvent: 'The file holds no MISP event (an empty list).',
  unknownType: '{where} has the type "{type}", which MISP does not know.',
  unknownCategory: '{where} has the category "{category}", which MISP does not know.',
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw MESSAGES.error('notJson', { reason: (error as Error).message });
  }
}

/** The events of the file: `{"response": [...]}` (the API), a list, or one event. */
function eventsOf(json: unknown): NormalizedEvent[] {
  const wrapped = typeof json === 'object' && json !== null && !Array.isArray(json) && 'response' in json;
  const list = wrapped ? (json as { response: unknown }).response : json;
  if (Array.isArray(list)) {
    if (list.length === 0) throw MESSAGES.error('noEvent');
    return list.map((item) => normalizeEvent(item));
  }
  return [normalizeEvent(list)];
}

function entryOf(attribute: EventAttribute, where: string): LegacyEntryInput {
  const { type, category } = attribute;
  if (!isAttributeType(type)) throw MESSAGES.error('unknownType', { where, type });
  if (category !== '' && !isCategory(category)) {
    throw MESSAGES.error('unknownCategory', { where, category });
  }
  const tags = attribute.Tag.map((tag) => tag.name).filter((name) => name !== '');
  return {
    types: type,
    values: attribute.value,
    ...(category !== '' && { categories: category }),
    to_ids: attribute.to_ids,
    comment: attribute.comment,
    ...(tags.length > 0 && { tags }),
    ...(typeof attribute.data === 'string' && attribute.data !== '' && { data: attribute.data }),
  };
}

export default defineModule({
  name: 'mispjson',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'Richard van den Berg',
    description: 'Module to import MISP JSON format for merging MISP events.',
    name: 'MISP JSON Import',
    logo: '',
    requirements: [],
    features:
      'The module simply imports MISP Attributes from an other MISP Event in order to merge events together. There ' +
      'is thus no special feature to make it work.',
    references: [],
    input: 'MISP Event',
    output: 'MISP Event attributes',
  },
  messages: MESSAGES,
  attributes: { userConfig: {}, inputSource: ['file'] },
  async handle(query) {
    const events = eventsOf(parseJson(importedText(query, 'MISP JSON event')));
    const entries = events.flatMap((event, e) =>
      event.attributes
        .filter((attribute) => attribute.deleted !== true)
        .map((attribute, a) => entryOf(attribute, `${events.length > 1 ? `Event ${e + 1}, ` : ''}Attribute ${a + 1}`)),
    );
    // An event without attributes gives an empty list, as upstream.
    return { ...legacyResults(entries) };
  },
});
