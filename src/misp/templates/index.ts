/**
 * The registry of the object templates the project defines. Each template is
 * one file in this folder, listed by one line in ./all.ts.
 */
import type { ObjectTemplate } from '../types.js';
import * as all from './all.js';

type AllTemplates = (typeof all)[keyof typeof all];

/** Names of every template in the registry (`file`, `domain-ip`, …). */
export type TemplateName = AllTemplates['name'];

/** The template type for a name, with its literal relation names. */
export type TemplateFor<N extends TemplateName> = Extract<AllTemplates, { name: N }>;

/**
 * Relation names of a template (`RelationOf<'domain-ip'>` is `'domain' | 'ip' | …`);
 * for a union of names, the relations of any of them.
 */
export type RelationOf<N extends TemplateName> = N extends TemplateName
  ? keyof TemplateFor<N>['attributes'] & string
  : never;

const REGISTRY: ReadonlyMap<string, ObjectTemplate> = new Map(
  Object.values(all).map((template: ObjectTemplate) => [template.name, template]),
);

/** Every template, sorted by name. */
export function listTemplates(): ObjectTemplate[] {
  return [...REGISTRY.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function isTemplateName(name: unknown): name is TemplateName {
  return typeof name === 'string' && REGISTRY.has(name);
}

/** The template with that name, or undefined when the project does not define it. */
export function getTemplate<N extends TemplateName>(name: N): TemplateFor<N>;
export function getTemplate(name: string): ObjectTemplate | undefined;
export function getTemplate(name: string): ObjectTemplate | undefined {
  return REGISTRY.get(name);
}
