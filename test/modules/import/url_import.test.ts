import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import url_import from '../../../src/modules/import/url_import.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures-a/${name}`, import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [url_import] });
});
after(() => t.close());

const importUrls = (data: string | Buffer, config?: Record<string, string>) =>
  t.query({ module: 'url_import', event_id: '5', ...(config && { config }), data: Buffer.from(data).toString('base64') });

async function importOk(data: string | Buffer, config?: Record<string, string>): Promise<any[]> {
  const answer: any = await importUrls(data, config);
  assert.equal(answer.error, undefined, `unexpected error: ${answer.error}`);
  assertValidResults(answer);
  assert.deepEqual(Object.keys(answer.results), ['Object']);
  return answer.results.Object;
}

const relations = (object: any) => Object.fromEntries(object.Attribute.map((a: any) => [a.object_relation, a.value]));

describe('url_import', () => {
  test('declares its form and a misp_standard import of files and pastes', () => {
    assert.deepEqual(url_import.attributes.userConfig, { include_scheme: { type: 'Boolean', message: 'Include scheme' } });
    assert.deepEqual(url_import.attributes.inputSource, ['file', 'paste']);
    assert.equal(url_import.attributes.format, 'misp_standard');
  });

  test('one url object per line, split into its components (blank lines skipped)', async () => {
    const objects = await importOk(fixture('urls.txt'), { include_scheme: '0' });
    assert.equal(objects.length, 4);
    assert.ok(objects.every((o) => o.name === 'url' && o.template_uuid === '60efb77b-40b5-4c46-871b-ed1ed999fce5'));
    assert.deepEqual(relations(objects[0]), {
      url: 'https://login.micros0ft-support.com:8443/owa/auth.php?user=victim&lang=en#step2',
      tld: 'com',
      subdomain: 'login',
      resource_path: '/owa/auth.php',
      query_string: 'user=victim&lang=en',
      port: '8443',
      host: 'login.micros0ft-support.com',
      fragment: 'step2',
      domain_without_tld: 'micros0ft-support',
      domain: 'micros0ft-support.com',
    });
    // an IP host goes to the template's ip relation (upstream: host, a hostname)
    assert.deepEqual(relations(objects[1]), { url: 'http://198.51.100.9/gate.php', resource_path: '/gate.php', ip: '198.51.100.9' });
    assert.equal(objects[1].Attribute.find((a: any) => a.object_relation === 'ip').type, 'ip-dst');
    assert.deepEqual(relations(objects[2]), {
      url: 'update.evil-cdn.github.io/landing',
      tld: 'github.io',
      subdomain: 'update',
      resource_path: '/landing',
      host: 'update.evil-cdn.github.io',
      domain_without_tld: 'evil-cdn',
      domain: 'evil-cdn.github.io',
    });
    assert.equal(relations(objects[3]).tld, 'co.uk');
    const types = Object.fromEntries(objects[0].Attribute.map((a: any) => [a.object_relation, a.type]));
    assert.deepEqual([types.url, types.host, types.domain, types.port], ['url', 'hostname', 'domain', 'port']);
  });

  test('include_scheme ticked adds the scheme; unticked ("0") or no config leaves it out', async () => {
    const url = 'ftp://files.example.co.uk/pub/payload.zip\r\n';
    assert.equal(relations((await importOk(url, { include_scheme: '1' }))[0]).scheme, 'ftp');
    assert.equal(relations((await importOk(url, { include_scheme: '0' }))[0]).scheme, undefined);
    assert.equal(relations((await importOk(url))[0]).scheme, undefined);
  });

  test('bad pastes get a clear error', async () => {
    const error = async (data: string) => ((await importUrls(data, { include_scheme: '0' })) as any).error as string;
    assert.match(await error(''), /empty/);
    assert.match(await error(' \n\t\n'), /only whitespace/);
    assert.match(await error('https://ok.example/\nhttp://bad.example:99999/x\n'), /^Line 2: Invalid port "99999"/);
  });
});
