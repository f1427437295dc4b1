import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mod from '../../../src/modules/import/joe_import.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValid, attribute, b64, fixture, objects, references, relations, type Json } from './fixtures-b/helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mod] });
});
after(() => t.close());

const importReport = (data: Buffer | string, config: Record<string, string> = { 'Import Executable': '1', 'Mitre Att&ck': '1' }): Promise<Json> =>
  t.query({ module: 'joe_import', event_id: '12', config, data: b64(data), filename: 'report.json' });

describe('joe_import', () => {
  test('declares a misp_standard file import with its two form options', async () => {
    const listed = ((await t.get('/modules')).json() as Json[]).find((m) => m.name === 'joe_import')!;
    assert.deepEqual(listed.mispattributes.inputSource, ['file']);
    assert.equal(listed.mispattributes.format, 'misp_standard');
    assert.deepEqual(Object.keys(listed.mispattributes.userConfig), ['Import Executable', 'Mitre Att&ck']);
    assert.equal(listed.mispattributes.userConfig['Mitre Att&ck'].type, 'Boolean');
  });

  test('a file analysis: file, pe, signer, sections, processes, registry, network, dropped file, tags', async () => {
    const answer = await importReport(fixture('joe/report.json'));
    assertValid(answer);
    assert.deepEqual(objects(answer).map((o) => o.name), [
      'file', 'pe', 'authenticode-signerinfo', 'pe-section', 'pe-section',
      'process', 'registry-key', 'process',
      'network-connection', 'network-connection',
      'domain-ip', 'file',
    ]);
    const [file, pe, signer] = objects(answer);
    assert.deepEqual(relations(file!).sha256, ['3b7d1f2c6a0e9f8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a392817060']);
    assert.deepEqual(relations(file!).mimetype, ['PE32 executable (GUI) Intel 80386, for MS Windows']);
    assert.equal(attribute(file!, 'md5').to_ids, false);
    // the file object calls the processes, initiates the connections, and contacts what no process claims
    assert.deepEqual(references(answer, file!), [
      ['includes', 'pe'], ['calls', 'process'], ['calls', 'process'],
      ['initiates', 'network-connection'], ['initiates', 'network-connection'],
      ['contacts', 'domain'],
    ]);
    assert.deepEqual(relations(pe!), {
      'entrypoint-address': ['0x4014a0'],
      imphash: ['f34d5f2d4577ed6d9ceec516c1f5a744'],
      'compilation-timestamp': ['2020-08-17T07:00:44+00:00'],
      'company-name': ['Contoso Ltd'],
      'file-description': ['Invoice Viewer'],
      'internal-filename': ['invview'],
      'original-filename': ['invview.exe'],
      'product-name': ['Invoice Viewer'],
      'number-sections': ['2'],
    });
    assert.deepEqual(references(answer, pe!), [['signed-by', 'authenticode-signerinfo'], ['includes', 'pe-section'], ['includes', 'pe-section']]);
    // InternalName becomes the signed program's name
    assert.deepEqual(relations(signer!), { 'program-name': ['invview'], issuer: ['CN=Fake Code Signing CA'], version: ['1'] });
  });

  test('processes carry start time, activities and references to what they touched', async () => {
    const answer = await importReport(fixture('joe/report.json'));
    const [first, second] = objects(answer, 'process');
    assert.deepEqual(relations(first!), {
      'command-line': ['"C:\\Users\\user\\Desktop\\invoice_0934.exe"'],
      name: ['invoice_0934.exe'],
      'parent-pid': ['4012'],
      pid: ['6520'],
      'current-directory': ['C:\\Users\\user\\Desktop\\invoice_0934.exe'],
      'start-time': ['2021-06-30T17:06:02'],
    });
    assert.deepEqual(references(answer, first!), [
      ['creates', 'registry-key'],
      ['contacts', 'ip-dst'],
      ['drops', 'file'],
      ['creates', 'filename'],
      ['writes', 'filename'],
      ['creates', 'regkey'],
    ]);
    assert.deepEqual(references(answer, second!), [['contacts', 'domain-ip'], ['contacts', 'url']]);
    const regkey = objects(answer, 'registry-key')[0]!;
    assert.deepEqual(relations(regkey), {
      name: ['svchost32'],
      data: ['C:\\Users\\user\\AppData\\Roaming\\svchost32.exe'],
      key: ['HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run'],
      'data-type': ['REG_UNICODE'],
    });
  });

  test('network: one object per connection; protocols on distinct layers share it; earliest packet', async () => {
    const answer = await importReport(fixture('joe/report.json'));
    const connections = objects(answer, 'network-connection').map(relations);
    assert.deepEqual(connections, [
      {
        'ip-src': ['192.168.2.4'], 'ip-dst': ['198.51.100.23'], 'src-port': ['49712'], 'dst-port': ['443'],
        'first-packet-seen': ['2021-06-30T17:06:10.123457'], 'layer4-protocol': ['tcp'], 'layer7-protocol': ['https'],
      },
      {
        'ip-src': ['192.168.2.4'], 'ip-dst': ['8.8.8.8'], 'src-port': ['53211'], 'dst-port': ['53'],
        'first-packet-seen': ['2021-06-30T17:06:09.998877'], 'layer4-protocol': ['udp'],
      },
    ]);
  });

  test('two protocols on one layer (tcp and udp) split a connection in two', async () => {
    const packet = { srcip: '10.0.0.2', dstip: '203.0.113.5', srcport: '5000', dstport: '53' };
    const report = {
      analysis: {
        generalinfo: { arch: 'WINDOWS', target: { url: 'http://x.example/' } },
        behavior: { network: {
          tcp: { packet: [{ ...packet, timestamp: 'Jan 02, 2022 10:00:01.000000000 CET' }] },
          udp: { packet: [{ ...packet, timestamp: 'Jan 02, 2022 10:00:00.500000000 CET' }] },
        } },
      },
    };
    const answer = await importReport(JSON.stringify(report));
    assertValid(answer);
    assert.deepEqual(objects(answer, 'network-connection').map((o) => [relations(o)['layer4-protocol'], relations(o)['first-packet-seen']]), [
      [['tcp'], ['2022-01-02T10:00:01']],
      [['udp'], ['2022-01-02T10:00:00.500000']],
    ]);
    assert.deepEqual(references(answer, objects(answer, 'url')[0]!), [['initiates', 'network-connection'], ['initiates', 'network-connection']]);
  });

  test('attributes: screenshot, contacted domains, IPs and URLs, touched files and keys', async () => {
    const answer = await importReport(fixture('joe/report.json'));
    const attributes = answer.results.Attribute.map((a: Json) => [a.type, a.value, a.comment ?? '']);
    assert.deepEqual(attributes, [
      ['attachment', 'screenshot.jpg', ''],
      ['domain', 'sinkhole.example', ''],
      ['ip-dst', '203.0.113.77', ''],
      ['url', 'https://update.contoso-cdn.example/gate.php', ''],
      ['url', 'http://memory-only.example/x', 'From Memory - Enriched via the joe_import module'],
      ['filename', 'C:\\Users\\user\\AppData\\Roaming\\svchost32.exe', ''],
      ['regkey', 'HKEY_CURRENT_USER\\Software\\Contoso', ''],
    ]);
    assert.ok(answer.results.Attribute[0].data.startsWith('/9j/'));
    const dropped = objects(answer, 'file')[1]!;
    assert.deepEqual(relations(dropped).state, ['Malicious']);
    assert.deepEqual(relations(dropped).sha1, ['0f8e5a4c3b2a19081726354433221100ffeeddcc']);
    assert.deepEqual(answer.results.Tag.map((x: Json) => x.name), [
      'misp-galaxy:mitre-attack-pattern="Registry Run Keys / Startup Folder - T1547.001"',
      'misp-galaxy:mitre-attack-pattern="Application Layer Protocol - T1071"',
    ]);
  });

  test('with both options off: a file object without executable details, and no tags', async () => {
    const answer = await importReport(fixture('joe/report.json'), { 'Import Executable': '0', 'Mitre Att&ck': '0' });
    assertValid(answer);
    assert.equal(objects(answer, 'pe').length, 0);
    assert.equal(objects(answer, 'pe-section').length, 0);
    assert.equal(answer.results.Tag, undefined);
  });

  test('a URL analysis is rooted on a url object; ELF and APK details are parsed', async () => {
    const report = {
      analysis: {
        generalinfo: { arch: 'LINUX', target: { sample: null, url: 'http://phish.example/login' } },
        behavior: { network: {} }, domaininfo: null, ipinfo: null, urlinfo: null, droppedinfo: null,
      },
    };
    const url = await importReport(JSON.stringify(report));
    assertValid(url);
    assert.deepEqual(objects(url).map(relations), [{ url: ['http://phish.example/login'] }]);

    const elf = {
      analysis: {
        generalinfo: { arch: 'LINUX', target: { sample: 'bot' } },
        fileinfo: {
          filename: 'bot', md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64), sha512: 'd'.repeat(128), ssdeep: '3:abc:def',
          elf: { file: [{ main: [{ header: [{ type: 'EXEC (Executable file)', machine: 'ARM', osabi: 'UNIX - System V', epaddr: '0x8190' }] }],
            sections: { section: [{ name: '.text', type: 'PROGBITS', size: '0x1f0', flagsdesc: 'AX' }] } }] },
        },
        behavior: { network: {} },
      },
    };
    const answer = await importReport(JSON.stringify(elf));
    assertValid(answer);
    assert.deepEqual(objects(answer).map((o) => o.name), ['file', 'elf', 'elf-section']);
    assert.deepEqual(relations(objects(answer, 'elf')[0]!), { type: ['EXECUTABLE'], 'entrypoint-address': ['0x8190'], arch: ['ARM'], os_abi: ['UNIX - System V'], 'number-sections': ['1'] });
    assert.deepEqual(relations(objects(answer, 'elf-section')[0]!), { name: ['.text'], type: ['PROGBITS'], 'size-in-bytes': ['496'], flag: ['ALLOC', 'EXECINSTR'] });

    const apk = { analysis: { generalinfo: { arch: 'ANDROID', target: { sample: 'app.apk' } }, fileinfo: { filename: 'app.apk', md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64), sha512: 'd'.repeat(128), ssdeep: '3:a:b',
      apk: { requiredpermissions: { permission: [{ '@name': 'android.permission.INTERNET' }, { '@name': 'android.permission.SEND_SMS' }] } } }, behavior: { network: {} } } };
    const apkAnswer = await importReport(JSON.stringify(apk));
    assertValid(apkAnswer);
    assert.deepEqual(relations(objects(apkAnswer, 'android-permission')[0]!), { comment: ['android permission'], permission: ['INTERNET', 'SEND_SMS'] });
    assert.deepEqual(references(apkAnswer, objects(apkAnswer, 'file')[0]!), [['grants', 'android-permission']]);
  });

  test('bad files get clear errors', async () => {
    assert.deepEqual(await importReport(''), { error: 'The uploaded file is empty: expected a Joe Sandbox JSON report.' });
    assert.match(String((await importReport('<xml/>')).error), /^The uploaded file is not valid JSON .*Joe Sandbox JSON report\.$/);
    assert.deepEqual(await importReport('{"analysis_details": {}}'), { error: 'The JSON is not a Joe Sandbox report: it has no "analysis" object with "generalinfo".' });
    assert.deepEqual(await importReport('{"analysis": {"generalinfo": {"target": {}}}}'), {
      error: 'The Joe Sandbox report has neither a sample nor a URL as analysis target (generalinfo.target).',
    });
    assert.deepEqual(await t.query({ module: 'joe_import', config: {}, data: '%%%' }), { error: 'The "data" field is not valid base64.' });
  });
});
