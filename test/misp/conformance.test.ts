/**
 * The project's own attribute types and object templates, checked fact by
 * fact against the official copies in ../shared (describeTypes.json and the
 * misp-objects definitions).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ATTRIBUTE_CATEGORIES, ATTRIBUTE_TYPE_NAMES, ATTRIBUTE_TYPES } from '../../src/misp/attribute-types.js';
import { listTemplates } from '../../src/misp/templates/index.js';

const shared = new URL('../../../shared/', import.meta.url);
const describeTypes = (JSON.parse(readFileSync(new URL('misp-data/describeTypes.json', shared), 'utf8')) as { result: any }).result;

function officialTemplate(name: string): any {
  return JSON.parse(readFileSync(new URL(`misp-objects/objects/${name}/definition.json`, shared), 'utf8'));
}

describe('attribute types against describeTypes.json', () => {
  test('the same set of types and categories', () => {
    assert.deepEqual([...ATTRIBUTE_TYPE_NAMES].sort(), [...describeTypes.types].sort());
    assert.deepEqual([...ATTRIBUTE_CATEGORIES].sort(), [...describeTypes.categories].sort());
  });

  test('default category, to_ids and allowed categories of every type', () => {
    for (const type of describeTypes.types as string[]) {
      const ours = ATTRIBUTE_TYPES[type as keyof typeof ATTRIBUTE_TYPES];
      const defaults = describeTypes.sane_defaults[type];
      assert.equal(ours.defaultCategory, defaults.default_category, `${type} default category`);
      assert.equal(ours.toIds, defaults.to_ids === 1, `${type} to_ids`);
      const allowed = Object.entries(describeTypes.category_type_mappings as Record<string, string[]>)
        .filter(([, types]) => types.includes(type))
        .map(([category]) => category)
        .sort();
      assert.deepEqual([...ours.categories].sort(), allowed, `${type} categories`);
    }
  });
});

describe('object templates against misp-objects', () => {
  const templates = listTemplates();

  test('covers the templates the module issues name', () => {
    const names = new Set(templates.map((t) => t.name));
    for (const needed of ['file', 'domain-ip', 'ip-port', 'url', 'passive-dns', 'x509', 'vulnerability', 'weakness', 'whois', 'asn', 'geolocation', 'dns-record', 'email', 'http-request', 'sandbox-report', 'av-signature', 'sb-signature', 'transaction', 'bank-account', 'person', 'legal-entity', 'virustotal-report', 'sigma', 'yara']) {
      assert.ok(names.has(needed), `template ${needed}`);
    }
  });

  for (const template of templates) {
    test(`${template.name}`, () => {
      const official = officialTemplate(template.name);
      assert.equal(template.uuid, official.uuid, 'uuid');
      assert.equal(template.version, official.version, 'version');
      assert.equal(template.metaCategory, official['meta-category'], 'meta-category');
      assert.equal(template.description, official.description, 'description');
      assert.deepEqual([...(template.required ?? [])].sort(), [...(official.required ?? [])].sort(), 'required');
      assert.deepEqual([...(template.requiredOneOf ?? [])].sort(), [...(official.requiredOneOf ?? [])].sort(), 'requiredOneOf');
      assert.deepEqual(Object.keys(template.attributes).sort(), Object.keys(official.attributes).sort(), 'relations');
      for (const [relation, ours] of Object.entries(template.attributes)) {
        const theirs = official.attributes[relation];
        assert.equal(ours.types[0], theirs['misp-attribute'], `${relation}: main type`);
        for (const type of ours.types) assert.ok((describeTypes.types as string[]).includes(type), `${relation}: ${type} is a MISP type`);
        assert.equal(ours.multiple ?? false, theirs.multiple ?? false, `${relation}: multiple`);
        assert.equal(ours.disableCorrelation ?? false, theirs.disable_correlation ?? false, `${relation}: disable_correlation`);
        if (theirs.to_ids !== undefined) assert.equal(ours.toIds, theirs.to_ids, `${relation}: to_ids`);
        if (theirs.categories !== undefined) assert.deepEqual(ours.categories, theirs.categories, `${relation}: categories`);
        if (theirs.sane_default !== undefined) assert.deepEqual(ours.saneDefault, theirs.sane_default, `${relation}: sane_default`);
        if (theirs.values_list !== undefined) assert.deepEqual(ours.valuesList, theirs.values_list, `${relation}: values_list`);
      }
    });
  }
});
