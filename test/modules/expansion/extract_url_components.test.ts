import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../server/harness.js';

let t: TestServer;
before(async () => {
  t = await startTestServer();
});
after(() => t.close());

const uuid = '7c5e4a0a-5d0b-4b8e-9a1f-3f1f2b6c9d01';
const query = (value: string, type = 'url') => t.query({ module: 'extract_url_components', event_id: '4', attribute: { type, value, uuid, category: 'Network activity' } });

/** relation → values of the one object in the answer */
function relations(answer: Record<string, any>): Record<string, string[]> {
  assert.equal(answer.results.Object.length, 1);
  const object = answer.results.Object[0];
  const out: Record<string, string[]> = {};
  for (const a of object.Attribute) (out[a.object_relation] ??= []).push(a.value);
  return out;
}

describe('extract_url_components', () => {
  test('splits a full URL into a url object that references the input', async () => {
    const answer = await query('https://user:pw@www.Example.co.uk:8443/a/b;p?q=1&r=2#frag');
    const object = (answer as any).results.Object[0];
    assert.equal(object.name, 'url');
    assert.equal(object.template_uuid, '60efb77b-40b5-4c46-871b-ed1ed999fce5');
    assert.deepEqual(relations(answer), {
      url: ['https://user:pw@www.Example.co.uk:8443/a/b;p?q=1&r=2#frag'],
      tld: ['co.uk'],
      subdomain: ['www'],
      scheme: ['https'],
      credential: ['user:pw'],
      resource_path: ['/a/b'],
      query_string: ['q=1&r=2'],
      port: ['8443'],
      host: ['www.example.co.uk'],
      fragment: ['frag'],
      domain_without_tld: ['example'],
      domain: ['example.co.uk'],
    });
    const types = Object.fromEntries(object.Attribute.map((a: any) => [a.object_relation, a.type]));
    assert.equal(types.host, 'hostname');
    assert.equal(types.domain, 'domain');
    assert.equal(types.port, 'port');
    assert.deepEqual(object.ObjectReference.map((r: any) => [r.referenced_uuid, r.relationship_type]), [[uuid, 'generated-from']]);
    assert.equal((answer as any).results.Attribute, undefined);
  });

  test('a bare domain: no scheme, no path, nothing empty emitted', async () => {
    assert.deepEqual(relations(await query('circl.lu')), { url: ['circl.lu'], tld: ['lu'], host: ['circl.lu'], domain_without_tld: ['circl'], domain: ['circl.lu'] });
  });

  test('private suffixes of the Public Suffix List count as TLDs', async () => {
    const r = relations(await query('http://evil.github.io/x'));
    assert.deepEqual(r.tld, ['github.io']);
    assert.deepEqual(r.domain, ['evil.github.io']);
  });

  test('an IP host goes to the ip relation, normalised', async () => {
    const r = relations(await query('http://0x7f.1:8080/admin'));
    assert.deepEqual(r.ip, ['127.0.0.1']);
    assert.equal(r.host, undefined);
    assert.equal(r.domain, undefined);
    assert.deepEqual(relations(await query('http://[2001:DB8::1]/')).ip, ['2001:db8::1']);
  });

  test('an international domain name is punycoded', async () => {
    assert.deepEqual(relations(await query('http://bücher.de/')).domain, ['xn--bcher-kva.de']);
  });

  test('bad input: wrong type, missing attribute, invalid port', async () => {
    assert.deepEqual(await query('circl.lu', 'domain'), { error: "Module 'extract_url_components' does not accept attributes of type 'domain'; it accepts: url." });
    assert.match(String((await t.query({ module: 'extract_url_components' })).error), /requires an "attribute" field/);
    assert.match(String((await t.query({ module: 'extract_url_components', attribute: { type: 'url', value: 'x' } })).error), /requires an "attribute" field/);
    assert.deepEqual(await query('http://example.com:99999/'), { error: 'Invalid port "99999" in "http://example.com:99999/".' });
  });
});
