/**
 * goAML report → MISP objects with references, walking the report as
 * upstream's GoAmlParser does: the reporting person and location, then each
 * transaction with its origin (t_from…) and target (t_to…) accounts,
 * persons and entities, their signatories and addresses. Each object
 * references the objects found below it, with the relationship named by the
 * nearest element of RELATIONSHIP_NODES (from, to, signatory, address, …).
 */
import { defineMessages } from '../../../base/messages.js';
import type { MispResultBuilder, RelationEntry } from '../../../misp/standard-result.js';
import { childNamed, childrenNamed, leadingText, localName, parseXml, type XmlElement } from '../_openioc/xml.js';
import type { RelationOf } from '../../../misp/templates/index.js';
import { GOAML_NODES, GOAML_OBJECTS, RELATIONSHIP_NODES, type GoamlMapping, type GoamlTemplate } from './mapping.js';

export const GOAML_MESSAGES = defineMessages({
  notGoaml: 'This XML is not a goAML report: its root element is <{root}>, not <report>.',
  nothingToImport: 'The goAML report has no transaction, reporting person or location to import.',
});

/** Origin and target details that goAML keeps beside the account/person/entity. */
const TRANSACTION_SIDES = [
  { node: 't_from', fields: [['from_funds_code', 'from-funds-code'], ['from_country', 'from-country']] },
  { node: 't_to', fields: [['to_funds_code', 'to-funds-code'], ['to_country', 'to-country']] },
] as const;

function leaf(element: XmlElement, name: string): string | undefined {
  const child = childNamed(element, name);
  const text = child && leadingText(child).trim();
  return text || undefined;
}

type GoamlRelation = RelationOf<GoamlTemplate>;

function relationsOf(element: XmlElement, mapping: GoamlMapping): Array<RelationEntry<GoamlRelation>> {
  const relations: Array<RelationEntry<GoamlRelation>> = [];
  for (const [field, relation] of mapping.fields) {
    const value = leaf(element, field);
    if (value !== undefined) relations.push([relation, value]);
  }
  if (mapping.template === 'transaction') {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      const side = TRANSACTION_SIDES.find(({ node }) => localName(child).startsWith(node));
      for (const [field, relation] of side?.fields ?? []) {
        const value = leaf(child, field);
        if (value !== undefined) relations.push([relation, value]);
      }
    }
  }
  return relations;
}

class GoamlWalker {
  constructor(private readonly result: MispResultBuilder) {}

  /** Adds the element's object (if it makes one) and walks its children. */
  walk(element: XmlElement, type: string, parent?: string, relationship?: string): void {
    let referenced = parent;
    const mapping = GOAML_OBJECTS[type];
    if (mapping) {
      const relations = relationsOf(element, mapping);
      if (relations.length > 0) {
        const object = this.result.addObject(mapping.template, relations);
        if (parent && relationship) this.result.addReference(parent, object.uuid, relationship);
        referenced = object.uuid;
      }
    }
    let rel = relationship;
    for (const node of GOAML_NODES[type] ?? []) {
      for (const child of childrenNamed(element, node)) {
        if (RELATIONSHIP_NODES.has(node)) rel = node.startsWith('t_') ? node.slice(2) : node;
        this.walk(child, node, referenced, rel);
      }
    }
  }
}

/** Parses a goAML report into objects (with references) of `result`. */
export function addGoamlObjects(xml: string, result: MispResultBuilder): void {
  const report = parseXml(xml, 'a goAML report');
  if (localName(report) !== 'report') {
    throw GOAML_MESSAGES.error('notGoaml', { root: report.name });
  }
  const walker = new GoamlWalker(result);
  walker.walk(report, 'report');
  for (const transaction of childrenNamed(report, 'transaction')) walker.walk(transaction, 'transaction');
  if (result.isEmpty) {
    throw GOAML_MESSAGES.error('nothingToImport');
  }
}
