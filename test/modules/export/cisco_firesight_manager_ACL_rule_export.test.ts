import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import cisco from '../../../src/modules/export/cisco_firesight_manager_ACL_rule_export.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportText, mispEvent, object, rawEvent, samples, toCore, type Json } from './helpers-a.js';

let t: TestServer;
before(async () => {
  t = await startTestServer({ builtins: [cisco] });
});
after(() => t.close());

const MODULE = 'cisco_firesight_manager_ACL_rule_export';
const UNSET = { fmc_ip_addr: null, fmc_login: null, fmc_pass: null, domain_id: null, acpolicy_id: null };
const SETTING_LINE = /^(FIRESIGHT_IP_ADDR|LOGINPASS_BASE64|DOMAIN_ID|ACPOLICY_ID)=/;

/** Runs a few harmless assignment lines in sh and returns the NUL-separated values it prints. */
function shell(script: string): string[] {
  const run = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\0').slice(0, -1);
}

interface Script {
  settings: { ip: string; auth: string; domain: string; policy: string } | undefined;
  rules: Json[];
  curls: number;
  comments: string[];
}

/** Checks the script's syntax with sh -n, then evaluates its assignments (not the curl calls) with sh. */
function readScript(text: string): Script {
  assert.ok(text.startsWith('#!/bin/sh\n\n') && text.endsWith('\n'), 'a shell script ending with a line break');
  const syntax = spawnSync('sh', ['-n'], { input: text, encoding: 'utf8' });
  assert.equal(syntax.status, 0, `sh -n: ${syntax.stderr}`);
  const lines = text.split('\n');
  const settingLines = lines.filter((l) => SETTING_LINE.test(l));
  let settings: Script['settings'];
  if (settingLines.length > 0) {
    assert.equal(settingLines.length, 4);
    const [ip, auth, domain, policy] = shell(`${settingLines.join('\n')}\nprintf '%s\\0' "$FIRESIGHT_IP_ADDR" "$LOGINPASS_BASE64" "$DOMAIN_ID" "$ACPOLICY_ID"`);
    settings = { ip: ip!, auth: Buffer.from(auth!, 'base64').toString('utf8'), domain: domain!, policy: policy! };
  }
  const rules = lines.filter((l) => l.startsWith('BLOCK_RULE=')).map((l) => JSON.parse(shell(`${l}\nprintf '%s\\0' "$BLOCK_RULE"`)[0]!) as Json);
  return {
    settings,
    rules,
    curls: lines.filter((l) => l.startsWith('curl -X POST') && l.includes('--data "$BLOCK_RULE"')).length,
    comments: lines.filter((l) => l.startsWith('# ')),
  };
}

function expectedRule(event: Json, attributes: Json[]): Json | undefined {
  const blocked = attributes.filter((a) => a.to_ids === true);
  const hosts = blocked.filter((a) => a.type === 'ip-dst').map((a) => ({ type: 'Host', value: a.value }));
  const urls = blocked.filter((a) => a.type === 'url');
  if (hosts.length === 0 && urls.length === 0) return undefined;
  return {
    action: 'BLOCK',
    enabled: true,
    type: 'AccessRule',
    name: `misp_event_${event.id ?? event.uuid}`,
    destinationNetworks: { literals: hosts },
    urls: { literals: urls.map((a) => ({ type: 'Url', url: a.value })) },
    newComments: [event.info],
  };
}

/** URL literals are percent-encoded: compare them decoded, and check the characters left. */
function decodeUrls(rule: Json): Json {
  for (const literal of rule.urls.literals) {
    assert.match(literal.url, /^[A-Za-z0-9_.~\-@/:;?&=,+!*%]*$/, 'percent-encoded');
    literal.url = decodeURIComponent(literal.url);
  }
  return rule;
}

describe('cisco_firesight_manager_ACL_rule_export', () => {
  test('/modules shows the settings and the file type', async () => {
    await assertDescriptor(t, MODULE, { responseType: 'application/txt', outputFileExtension: 'sh', inputSource: ['event'] }, [
      'fmc_ip_addr', 'fmc_login', 'fmc_pass', 'domain_id', 'acpolicy_id',
    ]);
  });

  test('every sample event, in both shapes: a valid script with the to_ids ip-dst and url attributes outside objects', async () => {
    let rules = 0;
    for (const sample of samples()) {
      const raw = await exportText(t, MODULE, [sample.raw], UNSET);
      assert.equal(await exportText(t, MODULE, [sample.core], UNSET), raw, `${sample.name}: both shapes give the same file`);
      const script = readScript(raw);
      const want = expectedRule(sample.raw.Event, sample.attributes);
      if (want === undefined) {
        assert.deepEqual([script.rules, script.curls, script.settings], [[], 0, undefined], `${sample.name}: no rule`);
        assert.match(script.comments.join('\n'), /Nothing to block/);
        continue;
      }
      assert.deepEqual(script.settings, { ip: '0.0.0.0', auth: 'login:password', domain: 'SET_FIRESIGHT_DOMAIN_ID', policy: 'SET_FIRESIGHT_ACPOLICY_ID' });
      assert.deepEqual(script.rules.map(decodeUrls), [want], sample.name);
      assert.equal(script.curls, 1);
      rules += 1;
    }
    assert.ok(rules >= 5, `the samples exercise the module (${rules} rules)`);
  });

  test("misp_event.json (nothing flagged for IDS) gets no rule: upstream's empty rule would block all traffic", async () => {
    const text = await exportText(t, MODULE, [mispEvent()], UNSET);
    assert.equal(text, '#!/bin/sh\n\n# Nothing to block: no ip-dst or url attribute of the event is flagged for IDS (to_ids).\n');
    assert.equal(await exportText(t, MODULE, [toCore(mispEvent())], UNSET), text);
  });

  test("upstream's layout for a small event", async () => {
    const event = rawEvent([attr('ip-dst', '192.0.2.1'), attr('url', 'http://x.example/a b?c=1'), attr('ip-dst', '192.0.2.2', { to_ids: false })], [], { id: '625', info: 'M2M' });
    const text = await exportText(t, MODULE, [event], UNSET);
    const rule =
      `BLOCK_RULE='{ "action": "BLOCK", "enabled": true, "type": "AccessRule", "name": "misp_event_625", "destinationNetworks": { "literals": [ { "type": "Host", "value": "192.0.2.1" }  ] },` +
      ` "urls": { "literals": [ { "type": "Url", "url": "http://x.example/a%20b?c=1" }  ]  }, "newComments": [ "M2M" ] }'`;
    assert.ok(text.includes(`\n\n${rule}\n\n\n\ncurl -X POST -v -k -H 'Content-Type: application/json'`), text);
    assert.ok(text.includes("\nFIRESIGHT_IP_ADDR='0.0.0.0'\n"));
    assert.ok(text.includes(" | grep -i x-auth-acc | sed 's/.*:\\ //g' | tr -d '[:space:]' | tr -d '\\n'`\n"));
  });

  test('quotes, $(...) and backquotes in the event info and settings stay data', async () => {
    const info = `it's "quoted" $(touch /tmp/pwned) \`id\` \\ end\nsecond line é`;
    const config = { fmc_ip_addr: "10.0.0.1'; reboot; '", fmc_login: 'ad$min', fmc_pass: `p'a"ss\`x\``, domain_id: 'd e', acpolicy_id: '$(id)' };
    const event = rawEvent([attr('ip-dst', "192.0.2.1' \"x"), attr('url', "http://x.example/it's%20ok/é?q='a'")], [], { info });
    const script = readScript(await exportText(t, MODULE, [event], config));
    assert.deepEqual(script.settings, { ip: config.fmc_ip_addr, auth: `${config.fmc_login}:${config.fmc_pass}`, domain: 'd e', policy: '$(id)' });
    assert.equal(script.rules.length, 1);
    const rule = script.rules[0]!;
    assert.deepEqual(rule.newComments, [info]);
    assert.deepEqual(rule.destinationNetworks.literals, [{ type: 'Host', value: "192.0.2.1' \"x" }]);
    assert.deepEqual(rule.urls.literals, [{ type: 'Url', url: 'http://x.example/it%27s%20ok/%C3%A9?q=%27a%27' }], 'existing %XX kept, the rest encoded');
  });

  test('long credentials: no line break in the base64', async () => {
    const config = { ...UNSET, fmc_login: 'a'.repeat(80), fmc_pass: 'b'.repeat(80) };
    const script = readScript(await exportText(t, MODULE, [rawEvent([attr('ip-dst', '192.0.2.1')])], config));
    assert.equal(script.settings!.auth, `${'a'.repeat(80)}:${'b'.repeat(80)}`);
  });

  test('several events: one rule each; attributes inside objects or not flagged for IDS are left out', async () => {
    const a = rawEvent([attr('ip-dst', '198.51.100.1')], [object('domain-ip', [attr('ip-dst', '10.9.9.9')])], { id: '1', info: 'one' });
    const b = toCore(rawEvent([attr('url', 'https://b.example/x', { to_ids: false })], [], { id: '2', info: 'two' }));
    const c = rawEvent([attr('url', 'https://c.example/x')], [], { id: '3', info: 'three' });
    const script = readScript(await exportText(t, MODULE, [a, b, c], UNSET));
    assert.deepEqual(script.rules.map((r) => [r.name, r.destinationNetworks.literals.length, r.urls.literals.length]), [['misp_event_1', 1, 0], ['misp_event_3', 0, 1]]);
    assert.equal(script.curls, 2);
    assert.deepEqual(script.comments, ['# MISP event 2: no ip-dst or url attribute flagged for IDS, no rule.']);
  });

  badInputTests(() => t, MODULE, UNSET);
});
