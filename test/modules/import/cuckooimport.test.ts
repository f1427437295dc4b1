import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import mod from '../../../src/modules/import/cuckooimport.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValid, attribute, b64, fixture, malwareSample, objects, references, relations, sample, type Json } from './fixtures-b/helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mod] });
});
after(() => t.close());

const OPTIONS = ['Sandbox info', 'Upload sample', 'Processes', 'DNS', 'TCP', 'UDP', 'HTTP', 'Signatures', 'Screenshots', 'Dropped files', 'Dropped buffers'];
const allOn = Object.fromEntries(OPTIONS.map((o) => [o, '1']));
const importCuckoo = (data: Buffer | string, config: Record<string, string> = allOn): Promise<Json> =>
  t.query({ module: 'cuckooimport', event_id: '5', config, data: b64(data), filename: 'analysis.zip' });

// What report.json says of the sample, and what the "binary" of the archives really is.
const REPORTED_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const BINARY_SHA256 = createHash('sha256').update(sample('EICAR.com')).digest('hex');

describe('DNS answers', () => {
  test('each answer type goes to its own dns-record relation (AAAA included)', async () => {
    const report = {
      info: { id: 1, started: '2019-05-20 11:59:16', duration: 1, machine: { name: 'vm' } },
      network: {
        dns: [
          {
            request: 'multi.example',
            type: 'ANY',
            answers: [
              { type: 'A', data: '198.51.100.9' },
              { type: 'AAAA', data: '2001:db8::9' },
              { type: 'MX', data: 'mail.multi.example' },
              { type: 'NS', data: 'ns1.multi.example' },
            ],
          },
        ],
      },
    };
    const answer = await importCuckoo(JSON.stringify(report), { DNS: '1' });
    assertValid(answer);
    const [record] = objects(answer, 'dns-record');
    const r = relations(record!);
    assert.deepEqual(r['a-record'], ['198.51.100.9']);
    assert.deepEqual(r['aaaa-record'], ['2001:db8::9']);
    assert.deepEqual(r['mx-record'], ['mail.multi.example']);
    assert.deepEqual(r['ns-record'], ['ns1.multi.example']);
  });
});

async function checkFullAnalysis(answer: Json): Promise<void> {
  assertValid(answer);
  assert.deepEqual(objects(answer).map((o) => o.name), [
    'sandbox-report', 'file', 'process', 'process', 'process', 'dns-record',
    'network-connection', 'network-connection', 'network-connection', 'http-request', 'sb-signature', 'sandbox-report', 'file', 'file',
  ]);
  const [info, sampleFile] = objects(answer);
  assert.deepEqual(relations(info!), {
    score: ['6.4'], 'sandbox-type': ['on-premise'], 'on-premise-sandbox': ['cuckoo'],
    'raw-report': ['started on:2019-05-20 11:59:16 duration:125s vm:win7x64/win7x64_1'],
  });
  // the sample comes from "binary", named as submitted
  assert.equal(sampleFile!.comment, 'Submitted sample');
  assert.deepEqual(relations(sampleFile!).filename, ['invoice.exe']);
  assert.deepEqual(relations(sampleFile!).sha256, [BINARY_SHA256]);
  assert.deepEqual(relations(sampleFile!).ssdeep, ['3:a+JraNvsgzsVqSww:tJuOgzskw']);
  assert.equal(attribute(sampleFile!, 'sha256').category, 'Payload delivery');
  assert.deepEqual(Buffer.from(attribute(sampleFile!, 'malware-sample').data, 'base64'), sample('EICAR.com'));
  // marked as PyMISP marks it, so that MISP zips it and stores invoice.exe|<md5>
  assert.deepEqual(malwareSample(sampleFile!), {
    type: 'malware-sample', value: 'invoice.exe', malware_filename: 'invoice.exe', encrypt: true, bytes: sample('EICAR.com'),
  });

  const [root, cmd, vss] = objects(answer, 'process');
  assert.deepEqual(relations(root!), { pid: ['2460'], 'command-line': ['"C:\\Users\\Admin\\AppData\\Local\\Temp\\invoice.exe"'], name: ['invoice.exe'], 'parent-pid': ['1504'], 'child-pid': ['2712'] });
  assert.deepEqual(references(answer, cmd!), [['child-of', 'process'], ['triggers', 'sb-signature/signature']]);
  assert.deepEqual(references(answer, vss!), [['child-of', 'process']]);

  assert.deepEqual(objects(answer, 'dns-record').map(relations), [
    { text: ['request type:A'], 'queried-domain': ['c2.bad-domain.example'], 'a-record': ['198.51.100.7'], 'cname-record': ['alias.example'] },
  ]);
  // a query without answer cannot make a dns-record (it needs a record): it is kept as a domain
  assert.deepEqual(answer.results.Attribute.map((a: Json) => [a.type, a.value, a.comment]), [
    ['domain', 'time.windows.com', 'DNS query without answer (request type:AAAA)'],
  ]);
  // sorted by time, one object per (src, sport, dst, dport); times are offsets from the start of the analysis
  assert.deepEqual(objects(answer, 'network-connection').map((o) => [relations(o)['dst-port'], relations(o)['layer4-protocol'], relations(o)['first-packet-seen']]), [
    [['443'], ['TCP'], ['2019-05-20T11:59:19.600000+00:00']],
    [['80'], ['TCP'], ['2019-05-20T11:59:20.810000+00:00']],
    [['53'], ['UDP'], ['2019-05-20T11:59:17.350000+00:00']],
  ]);
  assert.deepEqual(relations(objects(answer, 'http-request')[0]!), {
    host: ['c2.bad-domain.example'], method: ['GET'], uri: ['http://c2.bad-domain.example/gate.php'],
    'user-agent': ['Mozilla/4.0 (compatible; MSIE 8.0)'], text: ['count:1 port:80'],
  });

  const signatures = objects(answer, 'sb-signature')[0]!;
  const [shadow, http] = signatures.Attribute.filter((a: Json) => a.object_relation === 'signature');
  assert.equal(shadow.value, "Attempts to delete volume shadow copies\n---\nCall API 'CreateProcessInternalW' (command_line,cut) vssadmin delete shadows /all / \nvssadmin delete shadows /all /quiet");
  assert.deepEqual(shadow.Tag, [{ name: 'misp-galaxy:mitre-attack-pattern="Inhibit System Recovery - T1490"' }]);
  assert.equal(http.value, 'Performs some HTTP requests\n---\n(host) c2.bad-domain.example; (suspicious_request,cut) GET http://c2.bad-domain.examp');

  const shots = objects(answer, 'sandbox-report')[1]!;
  const shot = attribute(shots, 'sandbox-file');
  assert.equal(shot.value, '0001.jpg');
  assert.equal(shot.type, 'attachment');
  assert.equal(Buffer.from(shot.data, 'base64')[0], 0xff);

  const [dropped, buffer] = objects(answer, 'file').slice(1);
  assert.equal(dropped!.comment, 'Dropped file');
  // "3f0a4c4f_readme.txt" gets its original case back from the path on the VM
  assert.deepEqual(relations(dropped!).filename, ['README.txt']);
  assert.deepEqual(relations(dropped!).fullpath, ['C:\\Users\\Admin\\Desktop\\README.txt']);
  assert.deepEqual(relations(dropped!).text, ['Yara match\n(name) ransom_note\n(description) Ransom note text']);
  assert.equal(attribute(dropped!, 'md5').category, 'Artifacts dropped');
  assert.deepEqual(references(answer, dropped!), [['dropped-by', 'process']]);
  assert.equal(buffer!.comment, 'Dropped buffer');
  assert.deepEqual(relations(buffer!).filename, ['buffer 0']);
  // too short for a DOS header: libmagic says octet-stream too
  assert.deepEqual(relations(buffer!).mimetype, ['application/octet-stream']);
  // dropped files and buffers are samples MISP zips too
  for (const [file, name] of [[dropped!, 'README.txt'], [buffer!, 'buffer 0']] as const) {
    const { bytes, ...fields } = malwareSample(file);
    assert.deepEqual(fields, { type: 'malware-sample', value: name, malware_filename: name, encrypt: true });
    assert.equal(createHash('md5').update(bytes).digest('hex'), relations(file).md5![0]);
  }
}

describe('cuckooimport', () => {
  test('declares eleven checked Boolean options, in upstream\'s order', async () => {
    const listed = ((await t.get('/modules')).json() as Json[]).find((m) => m.name === 'cuckooimport')!;
    assert.deepEqual(Object.keys(listed.mispattributes.userConfig), OPTIONS);
    assert.deepEqual(listed.mispattributes.userConfig.DNS, { type: 'Boolean', message: 'Add DNS queries/answers', checked: 'true' });
    assert.equal(listed.mispattributes.format, 'misp_standard');
  });

  test('the analysis folder zipped from the web UI', async () => {
    await checkFullAnalysis(await importCuckoo(fixture('cuckoo/analysis.zip')));
  });

  test('the tar.bz2 from the API gives the same objects (symbolic links ignored)', async () => {
    await checkFullAnalysis(await importCuckoo(fixture('cuckoo/analysis.tar.bz2')));
  });

  test('report.json alone: files described from the report\'s hashes, no screenshots', async () => {
    const answer = await importCuckoo(fixture('cuckoo/report.json'));
    assertValid(answer);
    const sampleFile = objects(answer, 'file')[0]!;
    assert.deepEqual(relations(sampleFile), {
      filename: ['invoice.exe'], 'size-in-bytes': ['58'], md5: ['44d88612fea8a8f36de82e1278abb02f'],
      sha1: ['3395856ce81f2b7382dee72602f798b642f14140'], sha256: [REPORTED_SHA256],
      sha512: ['cc805d5fab1fd71a4ab352a9c533e65fb2d5b885518f4e565e68847223b8e6b85cb48f3afad842726d99239c9e36505c64b0dc9a061d9e507d833277ada336ab'],
      ssdeep: ['3:a+JraNvsgzsVqSwHq9:tJuOgzsko'],
    });
    assert.equal(relations(objects(answer, 'sandbox-report')[1]!)['sandbox-file'], undefined);
  });

  test('options switch steps off; options MISP did not send stay on', async () => {
    const answer = await importCuckoo(fixture('cuckoo/analysis.zip'), { ...allOn, Processes: '0', DNS: '0', TCP: '0', UDP: '0', Screenshots: '0', 'Dropped buffers': '0' });
    assertValid(answer);
    assert.deepEqual(objects(answer).map((o) => o.name), ['sandbox-report', 'file', 'http-request', 'sb-signature', 'file']);
    // without process objects there is nothing to reference
    assert.deepEqual(references(answer, objects(answer, 'file')[1]!), []);
    const defaults = await importCuckoo(fixture('cuckoo/analysis.zip'), {});
    assert.equal(objects(defaults).length, 14);
  });

  test('a URL analysis', async () => {
    const report = JSON.parse(fixture('cuckoo/report.json').toString());
    report.target = { category: 'url', url: 'http://phish.example/login' };
    const answer = await importCuckoo(JSON.stringify(report), { 'Upload sample': '1', 'Sandbox info': '0' });
    assert.deepEqual(objects(answer).map(relations)[0], { url: ['http://phish.example/login'], text: ['Submitted URL'] });
  });

  test('bad files get clear errors', async () => {
    assert.deepEqual(await importCuckoo(''), { error: 'The uploaded file is empty: expected a Cuckoo analysis archive (zip or tar.bz2) or its report.json.' });
    assert.deepEqual(await importCuckoo('plain text'), { error: 'The file is neither an archive nor JSON: expected a Cuckoo analysis archive (zip or tar.bz2) or its report.json.' });
    assert.deepEqual(await importCuckoo('{"analysis": {}}'), { error: 'The JSON is not a Cuckoo report: it has no "info" with "target", "behavior" or "network".' });
    assert.deepEqual(await importCuckoo(sample('EICAR.com.zip')), { error: 'The archive is not a Cuckoo analysis: it has no reports/report.json.' });
    assert.match(String((await importCuckoo(fixture('cuckoo/analysis.zip').subarray(0, 1000))).error), /^The Cuckoo archive cannot be read: it is truncated or corrupt/);
    assert.equal((await importCuckoo(fixture('cuckoo/analysis.tar.bz2').subarray(0, 1200))).error, 'The Cuckoo archive is truncated (the bzip2 stream ends early).');
  });
});
