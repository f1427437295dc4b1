/**
 * One attribute from a CSV row, written as MispResultBuilder writes it
 * (PyMISP's to_dict shape). The importer builds its results directly
 * rather than through the builder: the builder's final deep copy of a
 * 100,000-row result would hold the event loop for about a second.
 */
import { randomUUID } from 'node:crypto';
import { distributionString, resolveCategory, tagList, valueString } from '../../../misp/attribute-fields.js';
import { defaultToIds, isValidCategory, type AttributeType } from '../../../misp/attribute-types.js';
import { toMispDatetime } from '../../../misp/datetime.js';
import type { ResultAttribute, TemplateRelation } from '../../../misp/types.js';
import type { RowFields } from './fields.js';

/** `relation` is the object template's relation, when the attribute is in a known object. */
export function csvAttribute(
  type: AttributeType,
  value: string,
  fields: RowFields,
  relation?: TemplateRelation,
): ResultAttribute {
  const templateCategory = relation?.categories?.find((c) => isValidCategory(type, c));
  const tags = tagList(fields.tags);
  return {
    uuid: fields.uuid ?? randomUUID(),
    type,
    category: resolveCategory(type, fields.category, templateCategory),
    value: valueString(type, value),
    to_ids: fields.to_ids ?? relation?.toIds ?? defaultToIds(type),
    disable_correlation: fields.disable_correlation ?? relation?.disableCorrelation ?? false,
    ...(fields.comment !== undefined && { comment: fields.comment }),
    ...(fields.first_seen !== undefined && { first_seen: toMispDatetime(fields.first_seen) }),
    ...(fields.last_seen !== undefined && { last_seen: toMispDatetime(fields.last_seen) }),
    ...(fields.distribution !== undefined && { distribution: distributionString(fields.distribution) }),
    ...(tags.length > 0 && { Tag: tags }),
  };
}
