/**
 * What becomes MISP tags, and the hints MISP itself leaves in the STIX it
 * exports (`misp:type="ip-src"`, `misp:category="…"`, `misp:to_ids="False"`).
 */
import { pushTag } from '../../../../misp/attribute-fields.js';
import { isAttributeType, isCategory, isValidCategory, type AttributeType } from '../../../../misp/attribute-types.js';
import type { Category, ResultAttribute } from '../../../../misp/types.js';
import { isRecord, str, strList, type JsonRecord } from '../../../_shared/json-record.js';

/** The TLP marking definitions STIX 2.x predefines (the same ids in 2.0 and 2.1). */
const TLP_MARKINGS: Readonly<Record<string, string>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'tlp:white',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'tlp:green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'tlp:amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'tlp:red',
  // TLP 2.0 marking definitions (STIX 2.1 extension).
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'tlp:clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'tlp:green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'tlp:amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'tlp:amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'tlp:red',
};

const HINT = /^misp:([a-z_-]+)="(.*)"$/;

/** Tag names of a bundle's own TLP marking definitions (`definition_type: "tlp"`). */
export function markingTags(objects: Iterable<JsonRecord>): Map<string, string> {
  const tags = new Map(Object.entries(TLP_MARKINGS));
  for (const object of objects) {
    const id = str(object['id']);
    if (object['type'] !== 'marking-definition' || !id || tags.has(id)) continue;
    const definition = isRecord(object['definition']) ? object['definition'] : {};
    const tlp = str(definition['tlp']);
    if (object['definition_type'] === 'tlp' && tlp) tags.set(id, `tlp:${tlp.toLowerCase()}`);
  }
  return tags;
}

/** An object's labels (MISP's `misp:` hints aside) and TLP markings, as tag names. */
export function tagsOf(object: JsonRecord, markings: ReadonlyMap<string, string>): string[] {
  const labels = strList(object['labels']).filter((label) => !HINT.test(label));
  const marked = strList(object['object_marking_refs'])
    .map((ref) => markings.get(ref))
    .filter((tag): tag is string => tag !== undefined);
  return [...new Set([...labels, ...marked])];
}

export interface Hints {
  type?: AttributeType;
  category?: Category;
  toIds?: boolean;
}

/** The `misp:` labels MISP writes when it exports an attribute. */
export function hintsOf(object: JsonRecord): Hints {
  const hints: Hints = {};
  for (const label of strList(object['labels'])) {
    const match = HINT.exec(label);
    if (!match) continue;
    const [, key, value = ''] = match;
    if (key === 'type' && isAttributeType(value)) hints.type = value;
    else if (key === 'category' && isCategory(value)) hints.category = value;
    else if (key === 'to_ids') hints.toIds = value.toLowerCase() === 'true';
  }
  return hints;
}

/** The category hint when the final type allows it. */
export function hintedCategory(hints: Hints, type: AttributeType): Category | undefined {
  return hints.category && isValidCategory(type, hints.category) ? hints.category : undefined;
}

/** Adds tags to attributes already built (tags that come from relationships). */
export function addTags(attributes: readonly ResultAttribute[], names: readonly string[]): void {
  for (const attribute of attributes) {
    const list = (attribute.Tag ??= []);
    for (const name of names) pushTag(list, name);
  }
}
