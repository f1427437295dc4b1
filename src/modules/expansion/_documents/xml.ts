/**
 * A namespace-aware, ordered XML tree over fast-xml-parser for the office
 * formats. Elements are matched by namespace URI and local name, as lxml
 * does for python-docx and friends, so a document written with unusual
 * prefixes reads the same. Entities (named and numeric) are decoded here,
 * once: fast-xml-parser leaves numeric references as they are.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { countXmlElements, type CountBudget } from '../../_shared/budget.js';
import { DOCUMENT_MESSAGES } from './messages.js';

export interface XmlElement {
  /** Namespace URI ('' when none). */
  readonly ns: string;
  readonly local: string;
  /** Attributes by `{uri}local` (or `local` when unprefixed). */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

type Ordered = Record<string, unknown>;

const CDATA = '#cdata';

const PARSER = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: CDATA,
});

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; anything else stays as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

type Scope = ReadonlyMap<string, string>;

const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const NO_CHILDREN: readonly XmlNode[] = Object.freeze([]);

function qualify(name: string, scope: Scope, isAttribute: boolean): { ns: string; local: string } {
  const colon = name.indexOf(':');
  if (colon < 0) return { ns: isAttribute ? '' : (scope.get('') ?? ''), local: name };
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  if (prefix === 'xml') return { ns: 'http://www.w3.org/XML/1998/namespace', local };
  return { ns: scope.get(prefix) ?? prefix, local };
}

function convert(ordered: readonly Ordered[], parentScope: Scope): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const node of ordered) {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined) continue;
    if (name === '#text') {
      nodes.push(decodeEntities(String(node[name])));
      continue;
    }
    if (name === CDATA) {
      const parts = (node[name] ?? []) as Ordered[];
      nodes.push(parts.map((part) => String(part['#text'] ?? '')).join(''));
      continue;
    }
    if (name.startsWith('?') || name.startsWith('!')) continue;
    const raw = (node[':@'] ?? {}) as Record<string, unknown>;
    let scope = parentScope;
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (scope === parentScope) scope = new Map(parentScope);
        (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), decodeEntities(String(value)));
      }
    }
    // Most elements have no attribute: they share one empty map (a map costs ~100 bytes).
    let attrs: Map<string, string> | undefined;
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
      const { ns, local } = qualify(key, scope, true);
      (attrs ??= new Map()).set(ns === '' ? local : `{${ns}}${local}`, decodeEntities(String(value)));
    }
    const { ns, local } = qualify(name, scope, false);
    const children = (node[name] ?? []) as Ordered[];
    nodes.push({ ns, local, attrs: attrs ?? NO_ATTRIBUTES, children: children.length === 0 ? NO_CHILDREN : convert(children, scope) });
  }
  return nodes;
}

/** XML bytes as text: a BOM picks UTF-16, otherwise UTF-8 (what every office suite writes). */
function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The root element; `part` names the file inside the package in error
 * messages. Its elements are counted against `budget` before any is built.
 */
export function parseXml(bytes: Uint8Array, part: string, budget?: CountBudget): XmlElement {
  const text = decodeXml(bytes);
  budget?.take(countXmlElements(text), part);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw DOCUMENT_MESSAGES.error('badXml', { part, reason: valid.err.msg, line: valid.err.line, column: valid.err.col });
  }
  const root = convert(PARSER.parse(text) as Ordered[], new Map()).find(isElement);
  if (!root) throw DOCUMENT_MESSAGES.error('noXmlElement', { part });
  return root;
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

export function is(node: XmlNode | undefined, ns: string, local: string): node is XmlElement {
  return node !== undefined && typeof node !== 'string' && node.ns === ns && node.local === local;
}

/** Child elements, optionally only those named `ns`/`local`. */
export function childElements(element: XmlElement, ns?: string, local?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement => isElement(child) && (ns === undefined || (child.ns === ns && (local === undefined || child.local === local))),
  );
}

export function firstChild(element: XmlElement, ns: string, local: string): XmlElement | undefined {
  return element.children.find((child): child is XmlElement => is(child, ns, local));
}

/** Descendants named `ns`/`local`, in document order; `stopInside` keeps the walk out of matches' own subtrees. */
export function descendants(element: XmlElement, ns: string, local: string, stopInside = false): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement): void => {
    for (const child of node.children) {
      if (!isElement(child)) continue;
      const match = child.ns === ns && child.local === local;
      if (match) found.push(child);
      if (!(match && stopInside)) walk(child);
    }
  };
  walk(element);
  return found;
}

export function attr(element: XmlElement, ns: string, local: string): string | undefined {
  return element.attrs.get(ns === '' ? local : `{${ns}}${local}`);
}

/** All text inside the element, in document order. */
export function allText(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : allText(child))).join('');
}
