import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { importCsv } from '../../../src/modules/import/_csv/import.js';
import csvimport from '../../../src/modules/import/csvimport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValidResults } from '../assert-results.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures-a/${name}`, import.meta.url));

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [csvimport] });
});
after(() => t.close());

interface Config {
  header?: string;
  has_header?: string;
  special_delimiter?: string;
}

/** As MISP sends it: form answers as strings, its csvimport patches applied (" " for empty fields). */
function importQuery(data: string | Buffer, config: Config, filename = 'iocs.csv') {
  const hasHeader = config.has_header ?? '0';
  return t.query({
    module: 'csvimport',
    event_id: '12',
    config: {
      header: config.header || (hasHeader === '1' ? ' ' : ''),
      has_header: hasHeader,
      special_delimiter: config.special_delimiter || ' ',
    },
    data: Buffer.from(data).toString('base64'),
    filename,
  });
}

async function importOk(data: string | Buffer, config: Config): Promise<any> {
  const answer: any = await importQuery(data, config);
  assert.equal(answer.error, undefined, `unexpected error: ${answer.error}`);
  assertValidResults(answer);
  return answer.results;
}

async function importError(data: string | Buffer, config: Config): Promise<string> {
  const answer: any = await importQuery(data, config);
  assert.equal(answer.results, undefined);
  assert.equal(typeof answer.error, 'string');
  return answer.error;
}

/** type, value, category, to_ids, comment, tags of each attribute */
const summary = (attributes: any[]) =>
  attributes.map((a) => ({
    type: a.type,
    value: a.value,
    category: a.category,
    to_ids: a.to_ids,
    ...(a.comment !== undefined && { comment: a.comment }),
    ...(a.Tag && { tags: a.Tag.map((tag: any) => tag.name) }),
  }));

describe('csvimport: the module MISP lists', () => {
  test('declares the form MISP builds and misp_standard', () => {
    assert.deepEqual(Object.keys(csvimport.attributes.userConfig ?? {}), ['header', 'has_header', 'special_delimiter']);
    assert.equal(csvimport.attributes.userConfig?.['has_header']?.type, 'Boolean');
    assert.deepEqual(csvimport.attributes.inputSource, ['file']);
    assert.equal(csvimport.attributes.format, 'misp_standard');
  });
});

describe('csvimport: a header of attribute types', () => {
  test('the header from the form: one attribute per type column, fields applied to each', async () => {
    const csv = '203.0.113.7,login-micros0ft.com,phishing kit\n198.51.100.23,,scanner\n';
    const results = await importOk(csv, { header: 'ip-src,domain,comment' });
    assert.deepEqual(summary(results.Attribute), [
      { type: 'ip-src', value: '203.0.113.7', category: 'Network activity', to_ids: true, comment: 'phishing kit' },
      { type: 'domain', value: 'login-micros0ft.com', category: 'Network activity', to_ids: true, comment: 'phishing kit' },
      { type: 'ip-src', value: '198.51.100.23', category: 'Network activity', to_ids: true, comment: 'scanner' },
    ]);
    assert.equal(results.Object, undefined);
  });

  test('columns skipped with a space, as the form explains (Windows line ends)', async () => {
    const results = await importOk('10.0.0.1 , ignored, evil.example ,x\r\n10.0.0.2,,,\r\n', { header: 'ip-dst, ,hostname, ' });
    assert.deepEqual(
      results.Attribute.map((a: any) => [a.type, a.value]),
      [['ip-dst', '10.0.0.1'], ['hostname', 'evil.example'], ['ip-dst', '10.0.0.2']],
    );
  });

  test('the header from the file with has_header, a ";" delimiter, quotes, tags and to_ids', async () => {
    const results = await importOk(fixture('indicators-semicolon.csv'), { has_header: '1', special_delimiter: ';' });
    assert.deepEqual(summary(results.Attribute), [
      { type: 'ip-src', value: '203.0.113.7', category: 'Network activity', to_ids: true, comment: 'phishing kit; seen in 3 mails', tags: ['tlp:green', 'phishing'] },
      { type: 'domain', value: 'login-micros0ft.com', category: 'Network activity', to_ids: true, comment: 'phishing kit; seen in 3 mails', tags: ['tlp:green', 'phishing'] },
      { type: 'ip-src', value: '198.51.100.23', category: 'Network activity', to_ids: false, comment: 'scanner only' },
      { type: 'domain', value: 'cdn-update.example', category: 'Network activity', to_ids: true, comment: 'uses "fast flux"', tags: ['tlp:green'] },
    ]);
  });

  test('a tab-separated file, with "\\t" typed in the form as MISP suggests', async () => {
    const results = await importOk(fixture('urls-and-hosts.tsv'), { has_header: '1', special_delimiter: '\\t' });
    assert.deepEqual(summary(results.Attribute), [
      { type: 'url', value: 'http://198.51.100.9/gate.php', category: 'Network activity', to_ids: true, comment: 'panel' },
      { type: 'hostname', value: 'gate.example.net', category: 'Network activity', to_ids: true, comment: 'panel' },
      { type: 'url', value: 'https://paste.example.com/raw/x1', category: 'Network activity', to_ids: true, comment: 'stage 2' },
    ]);
  });

  test('a user header replaces the file header when has_header is ticked', async () => {
    const results = await importOk('addr,note\n192.0.2.1,seen\n', { header: 'ip-dst,comment', has_header: '1' });
    assert.deepEqual(summary(results.Attribute), [
      { type: 'ip-dst', value: '192.0.2.1', category: 'Network activity', to_ids: true, comment: 'seen' },
    ]);
  });

  test('commented and blank lines are skipped; has_header skips the first other line (upstream rule)', async () => {
    const csv = '# ip-src,comment\n\n192.0.2.10,first\n192.0.2.11,second\n  \n';
    const withoutHeader = await importOk(csv, { header: 'ip-src,comment' });
    assert.deepEqual(withoutHeader.Attribute.map((a: any) => a.value), ['192.0.2.10', '192.0.2.11']);
    const withHeader = await importOk(csv, { header: 'ip-src,comment', has_header: '1' });
    assert.deepEqual(withHeader.Attribute.map((a: any) => a.value), ['192.0.2.11']);
  });

  test('a category is applied where MISP allows it for the type, fixed for case, dropped otherwise', async () => {
    const csv = '192.0.2.5,bad.example,external analysis\n192.0.2.6,,Payload installation\n';
    const results = await importOk(csv, { header: 'ip-dst,domain,category' });
    assert.deepEqual(
      results.Attribute.map((a: any) => [a.type, a.category]),
      [['ip-dst', 'External analysis'], ['domain', 'External analysis'], ['ip-dst', 'Network activity']],
    );
  });

  test('a row uuid names the first attribute of the row only', async () => {
    const uuid = '0b9b6f3e-5c52-4d3b-9a53-8f9d1c2a7e11';
    const results = await importOk(`${uuid},192.0.2.7,seven.example\n`, { header: 'uuid,ip-dst,domain' });
    assert.equal(results.Attribute[0].uuid, uuid);
    assert.notEqual(results.Attribute[1].uuid, uuid);
  });
});

describe('csvimport: MISP fields (type and value columns)', () => {
  test('all attribute fields: category, comment, to_ids, tags, first/last seen, distribution; BOM dropped', async () => {
    const results = await importOk(fixture('custom-fields.csv'), { has_header: '1' });
    assert.deepEqual(summary(results.Attribute), [
      { type: 'filename', value: 'malicious-invoice.docm', category: 'Payload delivery', to_ids: true, comment: 'attachment of the phishing mail', tags: ['tlp:green', 'malware:emotet'] },
      { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f', category: 'Payload delivery', to_ids: true, comment: 'EICAR md5 (category not allowed for md5)' },
      { type: 'email-src', value: 'evil@phish.example', category: 'Payload delivery', to_ids: false, comment: 'sender' },
    ]);
    const [first, , third] = results.Attribute;
    assert.equal(first.first_seen, '2024-03-11T08:00:00+00:00');
    assert.equal(first.last_seen, '2024-03-12T17:30:00+00:00');
    assert.equal(first.distribution, '1');
    assert.equal(third.distribution, undefined, 'distribution 9 is not a MISP level: left out');
  });

  test('rows without a value are left out', async () => {
    const results = await importOk('type,value\nip-dst,192.0.2.1\ndomain,\n', { has_header: '1' });
    assert.deepEqual(results.Attribute.map((a: any) => a.value), ['192.0.2.1']);
  });

  test("MISP's CSV export: attributes with tags, objects rebuilt with their uuids and relations", async () => {
    const results = await importOk(fixture('misp-export.csv'), { has_header: '1' });
    assert.deepEqual(summary(results.Attribute), [
      { type: 'ip-dst', value: '185.199.110.153', category: 'Network activity', to_ids: true, comment: 'C2 server', tags: ['tlp:amber', 'kill-chain:Command and Control'] },
      { type: 'sha256', value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', category: 'Payload delivery', to_ids: true, comment: 'dropper, stage 1' },
      { type: 'link', value: 'https://example.org/report.html', category: 'External analysis', to_ids: false },
    ]);
    assert.deepEqual(
      results.Attribute.map((a: any) => a.uuid),
      ['5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4e01', '5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4e02', '5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4e03'],
    );
    assert.equal(results.Object.length, 1);
    const [domainIp] = results.Object;
    assert.equal(domainIp.name, 'domain-ip');
    assert.equal(domainIp.uuid, '5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4eaa');
    assert.equal(domainIp['meta-category'], 'network');
    assert.equal(domainIp.template_uuid, '43b3b146-77eb-4931-b4cc-b66c60f28734');
    assert.deepEqual(
      domainIp.Attribute.map((a: any) => [a.object_relation, a.type, a.value, a.uuid, a.Tag?.[0]?.name]),
      [
        ['domain', 'domain', 'update.evil-cdn.net', '5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4e04', undefined],
        ['ip', 'ip-dst', '185.199.110.153', '5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4e05', 'tlp:amber'],
      ],
    );
  });

  test('an object whose template this server does not define is kept, written from the rows', async () => {
    const answer: any = await importQuery(fixture('misp-export-cookie.csv'), { has_header: '1' });
    const [cookie] = answer.results.Object;
    // The output checks know only the project's templates: check everything but this object.
    assertValidResults({ results: { ...answer.results, Object: [] } });
    assert.equal(cookie.name, 'cookie');
    assert.equal(cookie.uuid, '5f3c4a1e-7d2b-4c1a-9e8f-0a1b2c3d4ebb');
    assert.equal(cookie['meta-category'], 'network');
    // PyMISP's fallback for a template it does not know: uuid5 of the name.
    assert.equal(cookie.template_uuid, 'f11634db-6887-5549-b6ab-b52191972b96');
    assert.deepEqual(
      cookie.Attribute.map((a: any) => [a.object_relation, a.type, a.value, a.category, a.to_ids]),
      [
        ['cookie', 'cookie', 'session=af23c9d1', 'Network activity', false],
        ['cookie-name', 'text', 'session', 'Network activity', false],
        ['cookie-value', 'text', 'af23c9d1', 'Network activity', false],
      ],
    );
    assert.deepEqual(answer.results.Attribute.map((a: any) => a.value), ['185.199.110.153']);
  });

  test('the export with context columns (includeContext) gives the same attributes and objects', async () => {
    const plain = await importOk(fixture('misp-export.csv'), { has_header: '1' });
    const context = await importOk(fixture('misp-export-context.csv'), { has_header: '1' });
    const shape = (r: any) => ({
      attributes: r.Attribute.map((a: any) => [a.uuid, a.type, a.value, a.comment]),
      objects: r.Object.map((o: any) => [o.uuid, o.name, o.Attribute.map((a: any) => [a.object_relation, a.value])]),
    });
    assert.deepEqual(shape(context), shape(plain));
  });

  test('the export header typed in the form works on a file without header', async () => {
    const lines = fixture('misp-export.csv').toString().split('\n');
    const results = await importOk(lines.slice(1).join('\n'), { header: lines[0]! });
    assert.equal(results.Attribute.length, 3);
    assert.equal(results.Object.length, 1);
  });

  test('objects grouped by object_id when the header has no object_uuid', async () => {
    const csv = [
      'object_id,object_name,object_relation,type,value',
      '7,ip-port,ip,ip-dst,192.0.2.44',
      '7,ip-port,dst-port,port,8443',
      ',,,domain,lonely.example',
    ].join('\n');
    const results = await importOk(csv, { has_header: '1' });
    assert.deepEqual(results.Attribute.map((a: any) => a.value), ['lonely.example']);
    assert.equal(results.Object.length, 1);
    assert.equal(results.Object[0].name, 'ip-port');
    assert.deepEqual(results.Object[0].Attribute.map((a: any) => [a.object_relation, a.value]), [['ip', '192.0.2.44'], ['dst-port', '8443']]);
  });
});

describe('csvimport: bad files and settings', () => {
  test('no header in the form and has_header not ticked', async () => {
    assert.match(await importError('192.0.2.1\n', {}), /Provide a header or use the one within the csv file/);
  });

  test('an unknown type in the header names the field', async () => {
    assert.match(await importError('1.2.3.4,x\n', { header: 'ip-src,ipaddress' }), /Wrong header field: ipaddress/);
  });

  test('type and value columns next to attribute types', async () => {
    assert.match(await importError('1.2.3.4,x\n', { header: 'ip-src,value' }), /contains value/);
  });

  test('a MISP-field header without type and value', async () => {
    assert.match(await importError('x,y\n', { header: 'comment,category' }), /type\/value combination/);
  });

  test('a row with too few columns names its line', async () => {
    const error = await importError('ip-src,domain,comment\n192.0.2.1,a.example,ok\n192.0.2.2\n', { has_header: '1' });
    assert.match(error, /^Line 3 has 1 field\(s\), but the header has 3/);
    assert.match(error, /delimiter/);
  });

  test('the wrong delimiter shows up as a column count problem', async () => {
    assert.match(await importError('192.0.2.1;a.example\n', { header: 'ip-src,domain' }), /Line 1 has 1 field/);
  });

  test('an unknown attribute type in a type column names its line', async () => {
    const error = await importError('type,value\nip-dst,192.0.2.1\nipv4,192.0.2.2\n', { has_header: '1' });
    assert.equal(error, 'Line 3: "ipv4" is not a MISP attribute type.');
  });

  test('object rows without an object identifier', async () => {
    const csv = 'type,value,object_relation,object_name\nip-dst,192.0.2.1,ip,domain-ip\n';
    assert.match(await importError(csv, { has_header: '1' }), /^Line 2: It is not possible to import MISP objects/);
  });

  test('object rows without a relation', async () => {
    const csv = 'type,value,object_uuid,object_name\nip-dst,192.0.2.1,8d1f0a7e-0f5e-4d7c-9a0b-3b4c5d6e7f80,domain-ip\n';
    assert.match(await importError(csv, { has_header: '1' }), /object relation for each attribute/);
  });

  test('malformed CSV (an unclosed quote)', async () => {
    assert.match(await importError('192.0.2.1,"never closed\n192.0.2.2,x\n', { header: 'ip-src,comment' }), /not a valid CSV file/);
  });

  test('a binary file is not a CSV', async () => {
    const png = readFileSync(new URL('../../../../shared/samples/test_files/misp-logo.png', import.meta.url));
    assert.match(await importError(png, { header: 'ip-src' }), /not valid UTF-8 text, so not a CSV file/);
  });

  test('an empty upload, a header-only file, a file of comments', async () => {
    assert.match(await importError('', { header: 'ip-src' }), /empty/);
    assert.match(await importError('ip-src,comment\n', { has_header: '1' }), /no data rows/);
    assert.match(await importError('# nothing\n# here\n', { has_header: '1' }), /no CSV rows/);
  });

  test('data that is not base64', async () => {
    const answer: any = await t.query({ module: 'csvimport', config: { header: 'ip-src', has_header: '0', special_delimiter: ' ' }, data: '%%%not base64%%%' });
    assert.equal(answer.error, 'The "data" field is not valid base64.');
  });
});

describe('csvimport: big files', () => {
  const rows = (n: number) => {
    const lines = ['ip-dst,domain,comment,to_ids'];
    for (let i = 0; i < n; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},host${i}.example.com,row ${i},${i % 2}`);
    return lines.join('\n');
  };

  test('a 100,000-row file is imported whole', async () => {
    const results = await importOk(rows(100_000), { has_header: '1' });
    assert.equal(results.Attribute.length, 200_000);
    const last = results.Attribute.at(-1);
    assert.deepEqual([last.type, last.value, last.comment, last.to_ids], ['domain', 'host99999.example.com', 'row 99999', true]);
  });

  test('parsing hands the event loop back while it runs', async () => {
    const order: string[] = [];
    const waiting = nextMacrotask().then(() => order.push('other work'));
    await importCsv(rows(5_000), { hasHeader: true, delimiter: ',' }).then(() => order.push('import done'));
    await waiting;
    assert.deepEqual(order, ['other work', 'import done']);
  });
});
