import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mod from '../../../src/modules/import/vmray_summary_json_import.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertValid, attribute, b64, fixture, objects, relations, type Json } from './fixtures-b/helpers.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [mod] });
});
after(() => t.close());

const DEFAULTS = { 'Analysis ID': '1', VTI: '1', IOCs: '1', Artifacts: '0', 'Analysis Details': '0', 'Attach Report': '0' };
const importSummary = (data: Buffer | string, config: Record<string, string> = {}): Promise<Json> =>
  t.query({ module: 'vmray_summary_json_import', event_id: '3', config: { ...DEFAULTS, ...config }, data: b64(data), filename: 'summary_v2.json' });
const tags = (a: Json): string[] => (a.Tag ?? []).map((x: Json) => x.name);

describe('vmray_summary_json_import', () => {
  test('declares its form (six options, three checked) and the disable_tags setting', async () => {
    const listed = ((await t.get('/modules')).json() as Json[]).find((m) => m.name === 'vmray_summary_json_import')!;
    assert.equal(listed.mispattributes.format, 'misp_standard');
    assert.deepEqual(Object.keys(listed.mispattributes.userConfig), ['Analysis ID', 'VTI', 'IOCs', 'Artifacts', 'Analysis Details', 'Attach Report']);
    assert.equal(listed.mispattributes.userConfig.VTI.checked, 'True');
    assert.deepEqual(listed.meta.config, ['disable_tags']);
  });

  test('a v2 summary: sandbox report, VTI signatures, IOC artifacts with tags, ATT&CK and verdict tags', async () => {
    const answer = await importSummary(fixture('vmray/summary_v2.json'));
    assertValid(answer);
    assert.deepEqual(objects(answer).map((o) => o.name), ['sandbox-report', 'sb-signature', 'domain-ip', 'file', 'ip-port', 'mutex', 'process', 'registry-key', 'url']);
    const [report, signature, domain, file, ip, mutex, process, regkey, url] = objects(answer);
    assert.deepEqual(relations(report!), {
      'on-premise-sandbox': ['vmray'], score: ['malicious'], 'sandbox-type': ['win10_64_th2_en_mso2016 | Windows Exe (x86-32)'],
      results: ['Classifications: Ransomware, Downloader'],
    });
    assert.deepEqual(tags(attribute(report!, 'score')), ['vmray:verdict="malicious"']);
    assert.deepEqual(relations(signature!).signature, [
      'Anti Analysis: Tries to detect virtual machine. Checks for VirtualBox artifacts',
      'Data Destruction: Deletes volume shadow copies. Uses vssadmin',
    ]);
    assert.deepEqual(signature!.Attribute.filter((a: Json) => a.object_relation === 'signature').map(tags), [['vmray:vti_analysis_score="3/5"'], ['vmray:vti_analysis_score="5/5"']]);
    // the domain without a resolved address is left out, as upstream does
    assert.deepEqual(relations(domain!), { domain: ['c2.bad-domain.example'], ip: ['198.51.100.7'] });
    assert.deepEqual(tags(attribute(domain!, 'domain')), ['vmray:artifact="IOC"', 'vmray:verdict="malicious"']);
    assert.equal(attribute(domain!, 'domain').comment, 'Classifications: C2');
    assert.equal(attribute(domain!, 'domain').to_ids, true);
    assert.deepEqual(relations(file!).filename, ['invoice.exe']);
    assert.deepEqual(relations(file!).fullpath, ['%USERPROFILE%\\AppData\\Local\\Temp\\invoice.exe']);
    assert.equal(attribute(file!, 'filename').comment, 'Operations: access, create');
    assert.deepEqual(relations(file!).mimetype, ['application/x-dosexec']);
    assert.deepEqual(relations(ip!), { ip: ['198.51.100.7'] });
    assert.deepEqual(relations(mutex!), { name: ['Global\\RansomMutex_01'], description: ['Operations: create'] });
    assert.equal(attribute(mutex!, 'name').category, 'External analysis');
    assert.deepEqual(relations(process!), { pid: ['4188'], 'parent-pid': ['1'], name: ['invoice.exe'], 'command-line': ['"C:\\Users\\jdoe\\AppData\\Local\\Temp\\invoice.exe"'] });
    assert.deepEqual(relations(regkey!).key, ['HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\invoice']);
    assert.deepEqual(relations(url!), { url: ['http://c2.bad-domain.example/gate.php'], domain: ['c2.bad-domain.example'], ip: ['198.51.100.7'] });
    assert.deepEqual(answer.results.Tag.map((x: Json) => x.name), [
      'misp-galaxy:mitre-attack-pattern="Inhibit System Recovery - T1490"',
      'misp-galaxy:mitre-attack-pattern="Virtualization/Sandbox Evasion - T1497"',
      'vmray:verdict="malicious"',
    ]);
  });

  test('"Artifacts" adds the non-IOC ones; disable_tags drops the VMRay tags; "VTI" off drops the signatures', async () => {
    const all = await importSummary(fixture('vmray/summary_v2.json'), { Artifacts: '1', VTI: '0', disable_tags: 'true' });
    assertValid(all);
    assert.equal(objects(all, 'file').length, 2);
    assert.equal(objects(all, 'sb-signature').length, 0);
    assert.ok(objects(all).every((o) => o.Attribute.every((a: Json) => !a.Tag)));
    assert.deepEqual(all.results.Tag.map((x: Json) => x.name), [
      'misp-galaxy:mitre-attack-pattern="Inhibit System Recovery - T1490"',
      'misp-galaxy:mitre-attack-pattern="Virtualization/Sandbox Evasion - T1497"',
    ]);
  });

  test('"Attach Report" attaches the summary itself to the sandbox report', async () => {
    const answer = await importSummary(fixture('vmray/summary_v2.json'), { 'Attach Report': '1' });
    assertValid(answer);
    const file = attribute(objects(answer, 'sandbox-report')[0]!, 'sandbox-file');
    assert.equal(file.value, 'summary_v2.json');
    assert.equal(file.type, 'attachment');
    assert.equal(JSON.parse(Buffer.from(file.data, 'base64').toString()).analysis_metadata.analysis_id, 2431);
  });

  test('a v1 summary: severities become verdicts, Windows paths are generalised', async () => {
    const answer = await importSummary(fixture('vmray/summary_v1.json'));
    assertValid(answer);
    assert.deepEqual(objects(answer).map((o) => o.name), ['sandbox-report', 'sb-signature', 'domain-ip', 'file']);
    assert.deepEqual(relations(objects(answer)[0]!).score, ['malicious']);
    const file = objects(answer, 'file')[0]!;
    assert.deepEqual(relations(file).fullpath, ['%USERPROFILE%\\Local Settings\\Temp\\drop.exe']);
    assert.deepEqual(tags(attribute(file, 'md5')), ['vmray:artifact="IOC"', 'vmray:verdict="malicious"']);
    assert.deepEqual(tags(attribute(objects(answer, 'domain-ip')[0]!, 'domain')), ['vmray:artifact="IOC"', 'vmray:verdict="malicious"']);
    // v1 reports carry no sample verdict
    assert.deepEqual(answer.results.Tag.map((x: Json) => x.name), ['misp-galaxy:mitre-attack-pattern="Registry Run Keys / Startup Folder - T1060"']);
  });

  test('disable_misp_objects: plain attributes, as in upstream\'s attribute mode', async () => {
    const answer = await importSummary(fixture('vmray/summary_v1.json'), { disable_misp_objects: 'yes', 'Analysis Details': '1' });
    assertValid(answer);
    assert.equal(answer.results.Object, undefined);
    const rows = answer.results.Attribute.map((a: Json) => [a.type, a.value]);
    assert.deepEqual(rows.slice(0, 5), [
      ['text', 'Analysis: execution_successful: True'],
      ['text', 'Analysis: termination_reason: Timeout'],
      ['text', 'Analysis: result: Operation completed successfully'],
      ['text', 'Classifications: Trojan'],
      ['text', 'Installs system startup script or application'],
    ]);
    assert.ok(rows.some(([type, value]: [string, string]) => type === 'filename|sha256' && value.endsWith('|a26e5910ac0dc3a97745adfbbf7504dac7750c2e3f9e732c35b3ac6b8e7b1cbd')));
    assert.equal(answer.results.Attribute.find((a: Json) => a.type === 'filename|md5').category, 'Payload delivery');
  });

  test('a static analysis yields no sandbox report', async () => {
    const report = JSON.parse(fixture('vmray/summary_v2.json').toString());
    report.vti.score_type = 'static';
    const answer = await importSummary(JSON.stringify(report));
    assert.equal(objects(answer, 'sandbox-report').length, 0);
    assert.deepEqual(answer.results.Tag, [{ name: 'vmray:verdict="malicious"' }]);
  });

  test('bad files get clear errors', async () => {
    assert.deepEqual(await importSummary(''), { error: 'The uploaded file is empty: expected a VMRay summary.json or summary_v2.json.' });
    assert.match(String((await importSummary('not json')).error), /^The uploaded file is not valid JSON/);
    assert.deepEqual(await importSummary('[1, 2]'), { error: 'Uploaded file is not a summary.json: the JSON is not an object.' });
    assert.deepEqual(await importSummary(fixture('joe/report.json')), {
      error: 'Uploaded file is not a summary.json (it has neither "analysis_details" nor "analysis_metadata").',
    });
  });
});
