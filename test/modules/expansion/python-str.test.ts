/** src/modules/_shared/python-str.ts: Python's str()/repr() of JSON values, as upstream f-strings print them. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonRepr, pythonStr } from '../../../src/modules/_shared/python-str.js';

test('str() of scalars: strings as is, None, True, False, numbers', () => {
  assert.deepEqual([pythonStr('c2'), pythonStr(null), pythonStr(undefined), pythonStr(true), pythonStr(false), pythonStr(91), pythonStr(7.5)], ['c2', 'None', 'None', 'True', 'False', '91', '7.5']);
});

test('str() of lists and dicts uses the repr of their items', () => {
  assert.equal(pythonStr(['c2']), "['c2']");
  assert.equal(pythonStr(['a', 1, null, true]), "['a', 1, None, True]");
  assert.equal(pythonStr({ score: 91, tags: ['x'] }), "{'score': 91, 'tags': ['x']}");
  assert.equal(pythonStr([]), '[]');
});

test("repr() of strings picks Python's quotes and escapes", () => {
  assert.equal(pythonRepr("brand's"), '"brand\'s"');
  assert.equal(pythonRepr('say "hi"'), '\'say "hi"\'');
  assert.equal(pythonRepr('both \' and "'), "'both \\' and \"'");
  assert.equal(pythonRepr('a\\b\nc'), "'a\\\\b\\nc'");
});
