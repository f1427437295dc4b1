/**
 * OpenIOC → MISP attributes, as PyMISP's `tools/openioc.py` reads it (with
 * BeautifulSoup's html.parser: tag and attribute names ignore case):
 * the description and author as `comment` attributes, each pair of items
 * of an AND indicator that forms a composite (filename|md5, regkey|value,
 * …) as one attribute, then every other IndicatorItem by its search term.
 */
import { defineMessages } from '../../../base/messages.js';
import { defaultCategory, type AttributeType } from '../../../misp/attribute-types.js';
import type { Category } from '../../../misp/types.js';
import { IOC_COMPOSITE_MAPPING, mappingFor, type IocMapping } from './mapping.js';
import { attributeOf, descendantNamed, descendantsNamed, localName, parseXml, textOf, type XmlElement } from './xml.js';

export const OPENIOC_MESSAGES = defineMessages({
  notOpenIoc: 'This XML is not an OpenIOC file: its root element is <{root}>, not <ioc> or <OpenIOC>.',
  nothingToImport: 'The OpenIOC file has no IndicatorItem and no description: nothing to import.',
});

export interface IocAttribute {
  type: AttributeType;
  category: Category;
  value: string;
  comment: string;
}

// Items PyMISP cannot map become `other` in External analysis.
const UNKNOWN: IocMapping = { type: 'other', category: 'External analysis' };

/** The text of the first descendant with that name ('' when there is none). */
function field(element: XmlElement | undefined, name: string): string {
  const found = element && descendantNamed(element, name);
  return found ? textOf(found) : '';
}

function searchOf(item: XmlElement): string {
  const context = descendantNamed(item, 'context');
  return (context && attributeOf(context, 'search')) ?? '';
}

function attribute(mapping: IocMapping, value: string, comments: string): IocAttribute {
  let { type } = mapping;
  // "127.0.0.1:80" in an ip item → ip-*|port "127.0.0.1|80"
  if ((type === 'ip-src' || type === 'ip-dst') && value.split(':').length === 2) {
    type = `${type}|port`;
    value = value.replace(':', '|');
  }
  return {
    type,
    category: mapping.category ?? defaultCategory(type),
    value: value.trim(),
    // PyMISP overwrote the table's comment with the items' comments; both are kept here.
    comment: `${mapping.comment ?? ''}${comments}`.trim(),
  };
}

/** One IndicatorItem (PyMISP's set_values with one item); undefined when it has no content. */
function single(item: XmlElement): IocAttribute | undefined {
  const content = descendantNamed(item, 'content');
  const value = content ? textOf(content) : '';
  if (value.trim() === '') return undefined;
  const search = searchOf(item);
  const contentType = attributeOf(content!, 'type');
  const mapping =
    search.includes('RouteEntryItem/Destination') && contentType
      ? mappingFor(`${search}/${contentType}`)
      : mappingFor(search);
  return attribute(mapping ?? UNKNOWN, value, field(item, 'comment'));
}

/** Composite attributes of an AND indicator holding exactly two items; the items used are added to `used`. */
function composites(indicator: XmlElement, used: Set<XmlElement>): IocAttribute[] {
  const items = descendantsNamed(indicator, 'indicatoritem');
  if (items.length !== 2) return [];
  const [a, b] = items as [XmlElement, XmlElement];
  const searches = [searchOf(a), searchOf(b)];
  const found: IocAttribute[] = [];
  for (const [key, mapping] of IOC_COMPOSITE_MAPPING) {
    const [left, right] = key.split('|') as [string, string];
    if (!searches.includes(left) || !searches.includes(right)) continue;
    const [first, second] = searches[0] === left ? [a, b] : [b, a];
    const value = `${field(first, 'content')}|${field(second, 'content')}`;
    found.push(attribute(mapping, value, field(first, 'comment') + field(second, 'comment')));
    used.add(a).add(b);
  }
  return found;
}

/** Parses an OpenIOC document into attributes (PyMISP's load_openioc, event fields left out). */
export function openiocAttributes(xml: string): IocAttribute[] {
  const root = parseXml(xml, 'an OpenIOC file');
  if (!['ioc', 'openioc'].includes(localName(root).toLowerCase())) {
    throw OPENIOC_MESSAGES.error('notOpenIoc', { root: root.name });
  }
  const attributes: IocAttribute[] = [];
  const comment = (value: string) => attributes.push({ type: 'comment', category: 'Other', value: value.trim(), comment: '' });
  // The short description becomes the event info; the description too when there is none, else a comment.
  const description = field(root, 'description');
  if (description.trim() && field(root, 'short_description').trim()) comment(description);
  const author = field(root, 'authored_by');
  if (author.trim()) comment(author);

  const used = new Set<XmlElement>();
  for (const indicator of descendantsNamed(root, 'indicator')) {
    if (attributeOf(indicator, 'operator') === 'AND') attributes.push(...composites(indicator, used));
  }
  const items = descendantsNamed(root, 'indicatoritem');
  for (const item of items) {
    if (used.has(item)) continue;
    const found = single(item);
    if (found) attributes.push(found);
  }
  if (items.length === 0 && attributes.length === 0) {
    throw OPENIOC_MESSAGES.error('nothingToImport');
  }
  return attributes;
}
