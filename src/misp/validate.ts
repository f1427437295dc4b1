/**
 * Output checks: does a module's answer hold only what MISP accepts?
 * Attribute types exist, categories are valid for their type, objects match
 * their templates (uuid, version, relations and their types, required
 * relations), references point at uuids of the answer or of the input,
 * a malware-sample carrying its file has `encrypt: true` and
 * `malware_filename` (misp_standard) or a `filename|md5` value when
 * `data_is_handled` (legacy).
 *
 * The test suite runs it on every module test's answers; the server runs it
 * with --strict-results and logs what it finds.
 *
 * Not checked on purpose: a template's `multiple` flag (MISP's UI hint; MISP
 * stores repeated relations), and the wording of values.
 */
import { isAttributeType, isCategory, isValidCategory } from './attribute-types.js';
import { getTemplate } from './templates/index.js';
import type { ObjectTemplate } from './types.js';

export interface Violation {
  /** Where in the answer, e.g. `results.Object[0].Attribute[2]`. */
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** Uuids of the input (attribute, object) that references may point at. */
  inputUuids?: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly violations: Violation[] = [];
  readonly uuids = new Set<string>();
  readonly references: Array<{ path: string; uuid: string }> = [];

  add(path: string, message: string): void {
    this.violations.push({ path, message });
  }

  uuid(path: string, value: unknown, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string' || !UUID.test(value)) return this.add(path, `uuid ${JSON.stringify(value)} is not a uuid`);
    if (this.uuids.has(value.toLowerCase())) this.add(path, `uuid ${value} is used twice`);
    this.uuids.add(value.toLowerCase());
  }

  /** Fields every attribute shares, event-level or in an object. */
  attributeFields(path: string, a: Json, allowedTypes?: readonly string[], relation?: string): void {
    this.uuid(`${path}.uuid`, a['uuid'], false);
    const type = a['type'];
    if (typeof type !== 'string') return this.add(path, 'attribute has no type');
    if (!isAttributeType(type)) return this.add(path, `unknown attribute type '${type}'`);
    if (allowedTypes && !allowedTypes.includes(type)) {
      this.add(path, `relation '${relation}' takes ${allowedTypes.join(' or ')}, not '${type}'`);
    }
    const value = a['value'];
    if (typeof value !== 'string' && typeof value !== 'number') this.add(path, `attribute '${type}' has no value`);
    else if (String(value).trim() === '') this.add(path, `attribute '${type}' has an empty value`);
    const category = a['category'];
    if (category !== undefined) {
      if (!isCategory(category)) this.add(path, `unknown category ${JSON.stringify(category)}`);
      else if (!isValidCategory(type, category)) this.add(path, `category '${category}' is not allowed for type '${type}'`);
    }
    for (const flag of ['to_ids', 'disable_correlation'] as const) {
      if (a[flag] !== undefined && typeof a[flag] !== 'boolean') this.add(path, `${flag} must be a boolean`);
    }
    if (a['data'] !== undefined && (typeof a['data'] !== 'string' || !BASE64.test(a['data']))) this.add(path, 'data must be base64');
    if (type === 'malware-sample' && a['data'] !== undefined) this.malwareSample(path, a);
    if (a['Tag'] !== undefined) this.tags(`${path}.Tag`, a['Tag']);
  }

  /**
   * A malware-sample carrying its file must say so as PyMISP does: MISP zips
   * the file and appends `|md5` to the value only when `encrypt` is set, and
   * keeps the file name from `malware_filename`.
   */
  malwareSample(path: string, a: Json): void {
    if (a['encrypt'] !== true) this.add(path, 'a malware-sample with data needs encrypt: true (MISP zips the file only then)');
    const filename = a['malware_filename'];
    if (typeof filename !== 'string' || filename.trim() === '') return this.add(path, 'a malware-sample with data needs its malware_filename');
    if (a['value'] !== filename) this.add(path, `the value of a malware-sample with data is its file name ${JSON.stringify(filename)} (MISP appends |md5)`);
    if (filename.includes('|')) this.add(path, "malware_filename must not hold '|' (MISP stores filename|md5)");
  }

  tags(path: string, tags: unknown): void {
    if (!Array.isArray(tags)) return this.add(path, 'Tag must be a list');
    tags.forEach((tag, i) => {
      if (!isRecord(tag) || typeof tag['name'] !== 'string' || tag['name'].trim() === '') this.add(`${path}[${i}]`, 'a tag needs a name');
    });
  }

  object(path: string, o: Json): void {
    const name = o['name'];
    if (typeof name !== 'string') return this.add(path, 'object has no name');
    const template = getTemplate(name);
    if (!template) return this.add(path, `no object template named '${name}' is defined (src/misp/templates)`);
    this.uuid(`${path}.uuid`, o['uuid'], true);
    if (o['template_uuid'] !== template.uuid) this.add(path, `template_uuid of '${name}' is ${JSON.stringify(o['template_uuid'])}, expected ${template.uuid}`);
    if (o['template_version'] !== undefined && String(o['template_version']) !== String(template.version)) {
      this.add(path, `template_version of '${name}' is ${JSON.stringify(o['template_version'])}, expected ${template.version}`);
    }
    const attributes = o['Attribute'];
    if (!Array.isArray(attributes) || attributes.length === 0) return this.add(path, `object '${name}' has no attributes`);
    const present = new Set<string>();
    attributes.forEach((a, i) => {
      const aPath = `${path}.Attribute[${i}]`;
      if (!isRecord(a)) return this.add(aPath, 'not an attribute');
      const relationName = a['object_relation'];
      if (typeof relationName !== 'string') return this.add(aPath, 'object attribute has no object_relation');
      const relation = template.attributes[relationName];
      if (!relation) return this.add(aPath, `template '${name}' has no relation '${relationName}'`);
      present.add(relationName);
      this.attributeFields(aPath, a, relation.types, relationName);
    });
    this.requirements(path, template, present);
    const references = o['ObjectReference'];
    if (references !== undefined) {
      if (!Array.isArray(references)) return this.add(`${path}.ObjectReference`, 'ObjectReference must be a list');
      references.forEach((r, i) => {
        const rPath = `${path}.ObjectReference[${i}]`;
        if (!isRecord(r)) return this.add(rPath, 'not a reference');
        if (r['object_uuid'] !== undefined && r['object_uuid'] !== o['uuid']) this.add(rPath, "object_uuid is not its object's uuid");
        if (typeof r['relationship_type'] !== 'string' || r['relationship_type'].trim() === '') this.add(rPath, 'reference has no relationship_type');
        if (typeof r['referenced_uuid'] !== 'string') this.add(rPath, 'reference has no referenced_uuid');
        else this.references.push({ path: rPath, uuid: r['referenced_uuid'] });
      });
    }
  }

  requirements(path: string, template: ObjectTemplate, present: Set<string>): void {
    const missing = (template.required ?? []).filter((r) => !present.has(r));
    if (missing.length > 0) this.add(path, `object '${template.name}' lacks required relation(s) ${missing.join(', ')}`);
    const oneOf = template.requiredOneOf ?? [];
    if (oneOf.length > 0 && !oneOf.some((r) => present.has(r))) {
      this.add(path, `object '${template.name}' needs at least one of ${oneOf.join(', ')}`);
    }
  }

  standard(results: Json): void {
    for (const key of Object.keys(results)) {
      if (!['Attribute', 'Object', 'EventReport', 'Tag', 'Galaxy', 'Event'].includes(key)) this.add(`results.${key}`, `unexpected key '${key}' (MISP shows it as "No result")`);
    }
    const list = (key: string): unknown[] => {
      const value = results[key];
      if (value === undefined) return [];
      if (!Array.isArray(value)) {
        this.add(`results.${key}`, `${key} must be a list`);
        return [];
      }
      return value;
    };
    list('Attribute').forEach((a, i) => (isRecord(a) ? this.attributeFields(`results.Attribute[${i}]`, a) : this.add(`results.Attribute[${i}]`, 'not an attribute')));
    list('Object').forEach((o, i) => (isRecord(o) ? this.object(`results.Object[${i}]`, o) : this.add(`results.Object[${i}]`, 'not an object')));
    list('EventReport').forEach((r, i) => {
      if (!isRecord(r) || typeof r['name'] !== 'string' || typeof r['content'] !== 'string') this.add(`results.EventReport[${i}]`, 'an event report needs a name and a content');
    });
    if (results['Tag'] !== undefined) this.tags('results.Tag', results['Tag']);
  }

  legacy(results: unknown[]): void {
    results.forEach((entry, i) => {
      const path = `results[${i}]`;
      if (!isRecord(entry)) return this.add(path, 'a legacy result must be an object');
      const rawTypes = entry['types'] ?? entry['type'];
      const types = Array.isArray(rawTypes) ? rawTypes : [rawTypes];
      if (types.length === 0 || types.some((t) => typeof t !== 'string')) return this.add(path, 'types must be a type or a list of types');
      for (const t of types as string[]) if (t !== 'freetext' && !isAttributeType(t)) this.add(path, `unknown attribute type '${t}'`);
      const values = entry['values'];
      // MISP iterates values with PHP's foreach, so a map of strings (sigma_queries' backend → query) works too.
      const list = Array.isArray(values) ? values : isRecord(values) ? Object.values(values) : [values];
      if (values === undefined || list.some((v) => typeof v !== 'string' && typeof v !== 'number')) this.add(path, 'values must be a value or a list of values');
      const categories = entry['categories'];
      if (categories !== undefined) {
        const cats = Array.isArray(categories) ? categories : [categories];
        for (const c of cats) {
          if (!isCategory(c)) this.add(path, `unknown category ${JSON.stringify(c)}`);
          else if (!(types as string[]).some((t) => t === 'freetext' || isValidCategory(t, c))) this.add(path, `category '${c}' is not allowed for ${types.join('/')}`);
        }
      }
      if (entry['data'] !== undefined && (typeof entry['data'] !== 'string' || !BASE64.test(entry['data']))) this.add(path, 'data must be base64');
      const handled = entry['data_is_handled'];
      if (handled !== undefined && typeof handled !== 'boolean') this.add(path, 'data_is_handled must be a boolean');
      // MISP zips a legacy malware-sample itself unless data_is_handled says the data is its zip already,
      // in which case the values must already be filename|md5.
      if (handled === true && types.includes('malware-sample') && list.some((v) => typeof v !== 'string' || !/^[^|]+\|[0-9a-f]{32}$/i.test(v))) {
        this.add(path, 'a malware-sample whose data_is_handled has values of the form filename|md5');
      }
    });
  }
}

/** The violations in a module's answer; an empty list means MISP takes it as it is. */
export function validateResults(answer: unknown, options: ValidateOptions = {}): Violation[] {
  const checker = new Checker();
  if (!isRecord(answer)) {
    checker.add('', 'the answer must be a JSON object');
    return checker.violations;
  }
  if (typeof answer['error'] === 'string' && answer['results'] === undefined) return [];
  if (answer['results'] === undefined) {
    // Export (`data` base64) and action (`data: true`) answers.
    if (typeof answer['data'] === 'string') {
      if (!BASE64.test(answer['data'])) checker.add('data', 'export data must be base64');
    } else if (typeof answer['data'] !== 'boolean') {
      checker.add('', 'the answer has no results, data or error');
    }
    return checker.violations;
  }
  const results = answer['results'];
  if (Array.isArray(results)) checker.legacy(results);
  else if (isRecord(results)) checker.standard(results);
  else checker.add('results', 'results must be a list (legacy) or an object (misp_standard)');
  const known = new Set([...checker.uuids, ...(options.inputUuids ?? []).map((u) => u.toLowerCase())]);
  for (const ref of checker.references) {
    if (!known.has(ref.uuid.toLowerCase())) checker.add(ref.path, `referenced_uuid ${ref.uuid} is neither in the answer nor in the input`);
  }
  return checker.violations;
}

/** Violations as one line each, for logs and assertion messages. */
export function formatViolations(violations: readonly Violation[]): string[] {
  return violations.map((v) => (v.path ? `${v.path}: ${v.message}` : v.message));
}
