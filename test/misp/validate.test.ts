/** The output checks: valid answers pass; each kind of violation is reported clearly. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MispResultBuilder } from '../../src/misp/standard-result.js';
import { formatViolations, validateResults } from '../../src/misp/validate.js';

const check = (answer: unknown, inputUuids: string[] = []) => formatViolations(validateResults(answer, { inputUuids }));
const INPUT = '5f1c0a2e-0000-4000-8000-000000000001';

function urlObject() {
  const b = new MispResultBuilder();
  const o = b.addObject('url', [['url', 'https://circl.lu/'], ['host', 'circl.lu']]);
  b.addReference(o.uuid, INPUT, 'generated-from');
  return b.toResults() as { results: { Object: any[] } };
}

describe('valid answers', () => {
  test('errors, exports, actions, legacy and misp_standard', () => {
    assert.deepEqual(check({ error: 'Timeout.' }), []);
    assert.deepEqual(check({ response: [], data: 'aGVsbG8=' }), []);
    assert.deepEqual(check({ data: true }), []);
    assert.deepEqual(check({ results: [{ types: ['freetext'], values: 'text' }, { type: 'ip-src', values: ['1.2.3.4'], categories: ['Network activity'] }] }), []);
    assert.deepEqual(check({ results: [{ types: ['sigma'], values: { splunk: 'q1', kibana: 'q2' } }] }), []);
    assert.deepEqual(check({ results: [{ types: ['sigma'], values: { splunk: { nested: true } } }] }), ['results[0]: values must be a value or a list of values']);
    assert.deepEqual(check(urlObject(), [INPUT]), []);
  });
});

describe('violations', () => {
  test('not an answer at all', () => {
    assert.deepEqual(check('x'), ['the answer must be a JSON object']);
    assert.deepEqual(check({}), ['the answer has no results, data or error']);
    assert.deepEqual(check({ results: 'x' }), ['results: results must be a list (legacy) or an object (misp_standard)']);
  });

  test('legacy: unknown type, bad category, missing values, bad data', () => {
    assert.deepEqual(check({ results: [{ types: ['ip-source'], values: ['1.2.3.4'] }] }), ["results[0]: unknown attribute type 'ip-source'"]);
    assert.deepEqual(check({ results: [{ types: ['md5'], values: ['x'], categories: ['Network activity'] }] }), ["results[0]: category 'Network activity' is not allowed for md5"]);
    assert.deepEqual(check({ results: [{ types: ['text'] }] }), ['results[0]: values must be a value or a list of values']);
    assert.deepEqual(check({ results: [{ types: ['attachment'], values: ['a'], data: '***' }] }), ['results[0]: data must be base64']);
  });

  test('attributes: unknown type, invalid category, empty value, duplicate uuid, non-boolean to_ids', () => {
    const uuid = '11111111-1111-4111-8111-111111111111';
    const violations = check({
      results: {
        Attribute: [
          { uuid, type: 'domain-name', value: 'x' },
          { uuid, type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', category: 'Network activity', to_ids: 'true' },
          { type: 'text', value: '  ' },
        ],
      },
    });
    assert.deepEqual(violations, [
      "results.Attribute[0]: unknown attribute type 'domain-name'",
      `results.Attribute[1].uuid: uuid ${uuid} is used twice`,
      "results.Attribute[1]: category 'Network activity' is not allowed for type 'md5'",
      'results.Attribute[1]: to_ids must be a boolean',
      "results.Attribute[2]: attribute 'text' has an empty value",
    ]);
  });

  test('objects: unknown template, wrong template uuid and version, unknown relation, wrong relation type', () => {
    const answer = urlObject();
    const o = answer.results.Object[0];
    o.template_uuid = '00000000-0000-4000-8000-000000000000';
    o.template_version = '1';
    o.Attribute.push({ ...o.Attribute[0], uuid: undefined, object_relation: 'colour', value: 'red' });
    o.Attribute.push({ ...o.Attribute[0], uuid: undefined, object_relation: 'host', type: 'ip-dst', value: '1.2.3.4' });
    assert.deepEqual(check(answer, [INPUT]), [
      "results.Object[0]: template_uuid of 'url' is \"00000000-0000-4000-8000-000000000000\", expected 60efb77b-40b5-4c46-871b-ed1ed999fce5",
      "results.Object[0]: template_version of 'url' is \"1\", expected 10",
      "results.Object[0].Attribute[2]: template 'url' has no relation 'colour'",
      "results.Object[0].Attribute[3]: relation 'host' takes hostname, not 'ip-dst'",
    ]);
    assert.deepEqual(check({ results: { Object: [{ name: 'spaceship', Attribute: [] }] } }), ["results.Object[0]: no object template named 'spaceship' is defined (src/misp/templates)"]);
  });

  test('objects: required and requiredOneOf relations', () => {
    const answer = urlObject();
    answer.results.Object[0].Attribute = answer.results.Object[0].Attribute.filter((a: any) => a.object_relation === 'host');
    assert.deepEqual(check(answer, [INPUT]), ["results.Object[0]: object 'url' needs at least one of url, resource_path"]);
    const b = new MispResultBuilder();
    b.addObject('av-signature', [['signature', 'Eicar-Signature']]);
    assert.deepEqual(check(b.toResults()), ["results.Object[0]: object 'av-signature' lacks required relation(s) software"]);
  });

  test('references to unknown uuids, and missing relationship types', () => {
    const answer = urlObject();
    assert.deepEqual(check(answer), [`results.Object[0].ObjectReference[0]: referenced_uuid ${INPUT} is neither in the answer nor in the input`]);
    answer.results.Object[0].ObjectReference[0].relationship_type = ' ';
    assert.deepEqual(check(answer, [INPUT]), ['results.Object[0].ObjectReference[0]: reference has no relationship_type']);
  });

  test('keys MISP does not render', () => {
    assert.deepEqual(check({ results: { Attribute: [], Objects: [] } }), ['results.Objects: unexpected key \'Objects\' (MISP shows it as "No result")']);
  });

  test('malware-samples with data: encrypt and malware_filename as PyMISP sets them', () => {
    const data = 'WDVPIVAlQEFQ';
    const sample = { type: 'malware-sample', value: 'invoice.exe', data, malware_filename: 'invoice.exe', encrypt: true };
    assert.deepEqual(check({ results: { Attribute: [sample] } }), []);
    // without data it is a reference to a sample MISP holds: nothing to zip
    assert.deepEqual(check({ results: { Attribute: [{ type: 'malware-sample', value: 'a.exe|d41d8cd98f00b204e9800998ecf8427e' }] } }), []);
    assert.deepEqual(check({ results: { Attribute: [{ ...sample, encrypt: undefined }, { ...sample, encrypt: 'true' }] } }), [
      'results.Attribute[0]: a malware-sample with data needs encrypt: true (MISP zips the file only then)',
      'results.Attribute[1]: a malware-sample with data needs encrypt: true (MISP zips the file only then)',
    ]);
    assert.deepEqual(check({ results: { Attribute: [{ ...sample, malware_filename: undefined }] } }), ['results.Attribute[0]: a malware-sample with data needs its malware_filename']);
    assert.deepEqual(check({ results: { Attribute: [{ ...sample, value: 'invoice.exe|d41d8cd98f00b204e9800998ecf8427e' }] } }), [
      'results.Attribute[0]: the value of a malware-sample with data is its file name "invoice.exe" (MISP appends |md5)',
    ]);
    // the same inside an object
    const b = new MispResultBuilder();
    const file = b.addObject('file', [['filename', 'invoice.exe'], { relation: 'malware-sample', value: 'invoice.exe', data }]);
    const answer = b.toResults() as { results: { Object: any[] } };
    assert.deepEqual(check(answer), []);
    delete answer.results.Object[0].Attribute[1].encrypt;
    assert.equal(file.Attribute.length, 2);
    assert.deepEqual(check(answer), ['results.Object[0].Attribute[1]: a malware-sample with data needs encrypt: true (MISP zips the file only then)']);
  });

  test('legacy malware-samples: MISP zips them unless data_is_handled, then the value is filename|md5', () => {
    assert.deepEqual(check({ results: [{ types: ['malware-sample'], values: 'a.exe', data: 'WDVP' }] }), []);
    assert.deepEqual(check({ results: [{ types: ['malware-sample'], values: 'a.exe|d41d8cd98f00b204e9800998ecf8427e', data: 'UEsD', data_is_handled: true }] }), []);
    assert.deepEqual(check({ results: [{ types: ['malware-sample'], values: 'a.exe', data: 'UEsD', data_is_handled: true }] }), [
      'results[0]: a malware-sample whose data_is_handled has values of the form filename|md5',
    ]);
    assert.deepEqual(check({ results: [{ types: ['malware-sample'], values: 'a.exe', data: 'WDVP', data_is_handled: 'yes' }] }), ['results[0]: data_is_handled must be a boolean']);
  });
});
