import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { compileYara } from '../../../src/modules/_shared/yara/engine.js';
import yaraQuery from '../../../src/modules/expansion/yara_query.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [yaraQuery] });
});
after(() => t.close());

const MODULE = 'yara_query';
const WRONG_INPUT = 'Wrong input type, please choose in the following: md5, sha1, sha256, filename|md5, filename|sha1, filename|sha256, imphash';
// Hashes of the file "abc": scanning it with the generated rule must match.
const FILE = 'abc';
const HASHES = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
};

async function rule(body: Record<string, unknown>): Promise<string> {
  const answer = await t.query({ module: MODULE, ...body });
  assertValidResults(answer);
  const results = answer.results as Array<{ types: string[]; values: unknown }>;
  assert.equal(results.length, 1);
  assert.deepEqual(results[0]!.types, ['yara']);
  assert.equal(typeof results[0]!.values, 'string');
  return results[0]!.values as string;
}

describe('yara_query', () => {
  test("upstream's test: the exact rule for an md5, and it compiles", async () => {
    const text = await rule({ md5: 'b2a5abfeef9e36964281a31e17b57c97' });
    assert.equal(text, 'import "hash"\r\nrule MD5 {\r\n\tcondition:\r\n\t\thash.md5(0, filesize) == "b2a5abfeef9e36964281a31e17b57c97"\r\n}');
    assert.deepEqual(await compileYara(text), { errors: [], warnings: [], matched: [] });
  });

  test('md5, sha1, sha256 and their filename| variants: rules that match the file with that hash', async () => {
    for (const [type, hash] of Object.entries(HASHES)) {
      for (const [key, value] of [[type, hash.toUpperCase()], [`filename|${type}`, `empty.bin|${hash}`]] as const) {
        const text = await rule({ [key]: value });
        assert.equal(text, `import "hash"\r\nrule ${type.toUpperCase()} {\r\n\tcondition:\r\n\t\thash.${type}(0, filesize) == "${hash}"\r\n}`, key);
        assert.deepEqual(await compileYara(text, FILE), { errors: [], warnings: [], matched: [type.toUpperCase()] }, key);
        assert.deepEqual((await compileYara(text, 'abd')).matched, [], `${key}: another file does not match`);
      }
    }
  });

  test('imphash: pe.imphash()', async () => {
    const text = await rule({ imphash: 'EECC824DA5B175F530705611127A6B41' });
    assert.equal(text, 'import "pe"\r\nrule IMPHASH {\r\n\tcondition:\r\n\t\tpe.imphash() == "eecc824da5b175f530705611127a6b41"\r\n}');
    assert.deepEqual((await compileYara(text)).errors, []);
  });

  test('attribute_uuid names the rule (non-word characters become _)', async () => {
    const uuid = '5d3c8a4e-1111-4000-8000-000000000042';
    const text = await rule({ sha1: HASHES.sha1, attribute_uuid: uuid });
    assert.ok(text.startsWith('import "hash"\r\nrule SHA1_5d3c8a4e_1111_4000_8000_000000000042 {\r\n'), text);
    assert.deepEqual((await compileYara(text, FILE)).matched, ['SHA1_5d3c8a4e_1111_4000_8000_000000000042']);
    assert.ok((await rule({ md5: HASHES.md5, attribute_uuid: '' })).includes('rule MD5 {'), 'an empty uuid is ignored');
  });

  test('a file name holding "|" keeps the hash after the last one', async () => {
    const text = await rule({ 'filename|sha256': `odd|name.exe|${HASHES.sha256}` });
    assert.ok(text.includes(`hash.sha256(0, filesize) == "${HASHES.sha256}"`), text);
  });

  test('a value with quotes or backslashes cannot change the rule: it is a quoted YARA string', async () => {
    const text = await rule({ md5: 'x" or true or "' });
    assert.ok(text.includes('hash.md5(0, filesize) == "x\\" or true or \\""'), text);
    assert.deepEqual(await compileYara(text, FILE), { errors: [], warnings: [], matched: [] }, 'never matches');
    assert.ok((await rule({ md5: 'a\\b' })).includes('== "a\\\\b"'));
  });

  test('a rule name libyara refuses: "Syntax error: …" as upstream', async () => {
    const answer = await t.query({ module: MODULE, md5: HASHES.md5, attribute_uuid: 'x'.repeat(200) });
    assert.deepEqual(answer, { error: 'Syntax error: line 2: identifier too long' });
  });

  test("wrong or missing input type: upstream's message", async () => {
    for (const body of [{ 'ip-src': '192.0.2.1' }, {}, { md5: null }, { md5: { value: 'x' } }]) {
      assert.deepEqual(await t.query({ module: MODULE, ...body }), { error: WRONG_INPUT }, JSON.stringify(body));
    }
  });

  test('/modules: expansion and hover, hash types in, yara out', async () => {
    const list = (await t.get('/modules')).json() as Array<Record<string, any>>;
    const entry = list.find((m) => m.name === MODULE)!;
    assert.deepEqual(entry.mispattributes, {
      input: ['md5', 'sha1', 'sha256', 'filename|md5', 'filename|sha1', 'filename|sha256', 'imphash'],
      output: ['yara'],
    });
    assert.deepEqual(entry.meta['module-type'], ['expansion', 'hover']);
  });
});
