/**
 * A small, ordered XML element tree over fast-xml-parser, with the look-ups
 * the OpenIOC and goAML importers need (BeautifulSoup's and ElementTree's
 * find/find_all/text). Malformed XML is a ModuleError naming line and column.
 */
import { lazyRequire } from '../../../core/lazy-require.js';

const fxp = lazyRequire<typeof import('fast-xml-parser')>('fast-xml-parser');
import { defineMessages } from '../../../base/messages.js';
import { CountBudget, countXmlElements } from '../../_shared/budget.js';

/** Declared by the importers that read XML with parseXml (openiocimport, goamlimport). */
export const XML_MESSAGES = defineMessages({
  badXml: 'The file is not well-formed XML, so not {what}: {reason} (line {line}, column {column}).',
  noXmlElement: 'The file has no XML element, so it is not {what}.',
});

export interface XmlElement {
  /** The tag as written, namespace prefix included. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

type OrderedNode = Record<string, unknown>;

const ATTRIBUTE_PREFIX = '@_';

const PARSER_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  // Values stay strings, as written.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
} as const;

function toNodes(ordered: readonly OrderedNode[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const node of ordered) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined) continue;
    if (name === '#text') {
      nodes.push(String(node[name]));
      continue;
    }
    if (name.startsWith('?') || name.startsWith('!')) continue; // processing instructions, doctype
    const rawAttributes = (node[':@'] ?? {}) as Record<string, unknown>;
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(rawAttributes)) {
      attributes[key.startsWith(ATTRIBUTE_PREFIX) ? key.slice(ATTRIBUTE_PREFIX.length) : key] = String(value);
    }
    nodes.push({ name, attributes, children: toNodes((node[name] ?? []) as OrderedNode[]) });
  }
  return nodes;
}

/** Elements one imported XML file may hold (about 500 MB of heap once parsed). */
export const MAX_XML_ELEMENTS = 1_000_000;

/** The root element of an XML document; `what` names the expected format in messages. */
export function parseXml(text: string, what: string): XmlElement {
  new CountBudget(MAX_XML_ELEMENTS, 'XML elements', 'one imported file').take(countXmlElements(text), 'The file');
  const { XMLParser, XMLValidator } = fxp();
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw XML_MESSAGES.error('badXml', { what, reason: msg, line, column: col });
  }
  const ordered = new XMLParser(PARSER_OPTIONS).parse(text) as OrderedNode[];
  const root = toNodes(ordered).find((node): node is XmlElement => typeof node !== 'string');
  if (!root) throw XML_MESSAGES.error('noXmlElement', { what });
  return root;
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** The tag name without its namespace prefix. */
export function localName(element: XmlElement): string {
  const colon = element.name.indexOf(':');
  return colon >= 0 ? element.name.slice(colon + 1) : element.name;
}

/** All the text inside the element (BeautifulSoup's `.text`). */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

/** The text before the first child element (ElementTree's `.text`). */
export function leadingText(element: XmlElement): string {
  let text = '';
  for (const child of element.children) {
    if (typeof child !== 'string') break;
    text += child;
  }
  return text;
}

/** Direct children with that local name (ElementTree's `findall`). */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => isElement(c) && localName(c) === name);
}

/** The first direct child with that local name (ElementTree's `find`). */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return childrenNamed(element, name)[0];
}

/** Descendants in document order whose local name matches, ignoring case (BeautifulSoup's html.parser `find_all`). */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  const wanted = name.toLowerCase();
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      if (localName(child).toLowerCase() === wanted) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

/** The first descendant with that local name, ignoring case. */
export function descendantNamed(element: XmlElement, name: string): XmlElement | undefined {
  return descendantsNamed(element, name)[0];
}

/** An attribute by name, ignoring case (html.parser lowercases attribute names). */
export function attributeOf(element: XmlElement, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const key = Object.keys(element.attributes).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : element.attributes[key];
}
