/**
 * Private modules written for the Python server, run unchanged: real modules
 * in upstream's style, written by the test into a custom folder, run by the
 * machine's python3 through python/bridge.py, called through /query and
 * listed by /modules exactly as the Python server lists them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from './harness.js';

const root = mkdtempSync(path.join(tmpdir(), 'python-modules-'));

function module(folder: string, name: string, source: string): void {
  mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(path.join(root, folder, `${name}.py`), source);
}

// An expansion module in legacy format, with moduleconfig and upstream's misperrors convention, importing a helper.
module('expansion', '_shouting', 'def shout(text):\n    return text.upper() + "!"\n');
module(
  'expansion',
  'shout',
  `import json
from _shouting import shout

misperrors = {'error': 'Error'}
mispattributes = {'input': ['text', 'comment'], 'output': ['text']}
moduleinfo = {'version': '0.2', 'author': 'CERT-XX', 'description': 'Shouts the text', 'module-type': ['expansion', 'hover'],
              'name': 'Shout', 'logo': '', 'requirements': [], 'features': '', 'references': [], 'input': 'text', 'output': 'text'}
moduleconfig = ['api_key', 'level']


def handler(q=False):
    if q is False:
        return False
    request = json.loads(q)
    print("handler called for", request.get('module'))
    if not request.get('config', {}).get('api_key'):
        misperrors['error'] = 'An API key is required'
        return misperrors
    value = request.get('text') or request.get('comment')
    return {'results': [{'types': ['text'], 'values': [shout(value)]}]}


def introspection():
    return mispattributes


def version():
    moduleinfo['config'] = moduleconfig
    return moduleinfo
`,
);

// misp_standard objects built as plain dicts, with logging and a failure mode.
module(
  'expansion',
  'domain_object',
  `import json
import logging
import sys
import time

log = logging.getLogger('domain_object')
mispattributes = {'input': ['domain'], 'format': 'misp_standard'}
moduleinfo = {'version': '1', 'author': 'CERT-XX', 'description': 'A domain-ip object', 'module-type': ['expansion']}


def handler(q=False):
    request = json.loads(q)
    attribute = request['attribute']
    value = attribute['value']
    log.warning('looking up %s', value)
    if value == 'raise.example':
        raise ValueError('the lookup service is down')
    if value == 'exit.example':
        sys.exit(3)
    if value == 'sleep.example':
        time.sleep(60)
    obj = {'name': 'domain-ip', 'meta-category': 'network', 'description': 'A domain and IP address seen as a tuple',
           'template_uuid': '43b3b146-77eb-4931-b4cc-b66c60f28734', 'template_version': '11', 'uuid': 'b0a1f4de-5b2a-4f0e-9c55-9a1c1d1e2f30',
           'Attribute': [{'object_relation': 'domain', 'type': 'domain', 'value': value},
                         {'object_relation': 'ip', 'type': 'ip-dst', 'value': '192.0.2.10'}],
           'ObjectReference': [{'referenced_uuid': attribute['uuid'], 'relationship_type': 'resolves-to'}]}
    return {'results': {'Object': [obj]}}


def introspection():
    return mispattributes


def version():
    return moduleinfo
`,
);

// An import module reading base64 data and userConfig.
module(
  'import_mod',
  'lines_import',
  `import base64
import json

misperrors = {'error': 'Error'}
userConfig = {'type': {'type': 'String', 'message': 'Attribute type'}}
inputSource = ['file', 'paste']
moduleinfo = {'version': '1', 'author': 'CERT-XX', 'description': 'One attribute per line', 'module-type': ['import']}
moduleconfig = []


def handler(q=False):
    request = json.loads(q)
    lines = base64.b64decode(request['data']).decode('utf-8').split('\\n')
    kind = request.get('config', {}).get('type') or 'text'
    return {'results': [{'types': [kind], 'values': [line]} for line in lines if line]}


def introspection():
    return {'userConfig': userConfig, 'inputSource': inputSource}


def version():
    moduleinfo['config'] = moduleconfig
    return moduleinfo
`,
);

// An export module.
module(
  'export_mod',
  'value_list',
  `import base64
import json

moduleinfo = {'version': '1', 'author': 'CERT-XX', 'description': 'Attribute values, one per line', 'module-type': ['export']}
mispattributes = {'responseType': 'application/txt', 'outputFileExtension': 'txt'}
moduleconfig = []


def handler(q=False):
    request = json.loads(q)
    values = [a['value'] for event in request['data'] for a in event['Attribute']]
    return {'response': [], 'data': base64.b64encode('\\n'.join(values).encode()).decode()}


def introspection():
    return mispattributes


def version():
    moduleinfo['config'] = moduleconfig
    return moduleinfo
`,
);

// An action module with params (moduleconfig as a dict).
module(
  'action_mod',
  'note_action',
  `import json

moduleconfig = {
    'params': {'note': {'type': 'string', 'description': 'A note', 'value': 'hello'}},
    'blocking': False,
    'support_filters': False,
    'expect_misp_core_format': False,
}
moduleinfo = {'version': '0.1', 'author': 'CERT-XX', 'description': 'Checks the note', 'module-type': ['action']}


def handler(q=False):
    request = json.loads(q)
    return {'data': request['params']['note'] == 'hello'}


def introspection():
    return {'config': moduleconfig}


def version():
    moduleinfo['config'] = moduleconfig
    return moduleinfo
`,
);

// One that fails to import.
module('expansion', 'broken', 'import json\nimport definitely_not_installed_module\n\ndef handler(q=False):\n    return {}\n');

const UUID = '7d6b6c5e-1f2a-4b3c-9d8e-0f1a2b3c4d5e';
let server: TestServer;

before(async () => {
  server = await startTestServer({ settings: { customDir: root, pythonProcesses: 4 } });
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('/modules lists them as the Python server does', () => {
  test('introspection() as mispattributes, version() as meta, the folder as type', async () => {
    const modules = (await server.get('/modules')).json() as Array<Record<string, unknown>>;
    const byName = new Map(modules.map((m) => [m['name'], m]));
    assert.deepEqual(byName.get('shout'), {
      name: 'shout',
      type: 'expansion',
      mispattributes: { input: ['text', 'comment'], output: ['text'] },
      meta: {
        version: '0.2', author: 'CERT-XX', description: 'Shouts the text', 'module-type': ['expansion', 'hover'], name: 'Shout',
        logo: '', requirements: [], features: '', references: [], input: 'text', output: 'text', config: ['api_key', 'level'],
      },
    });
    assert.deepEqual(byName.get('domain_object'), {
      name: 'domain_object', type: 'expansion', mispattributes: { input: ['domain'], format: 'misp_standard' },
      meta: { version: '1', author: 'CERT-XX', description: 'A domain-ip object', 'module-type': ['expansion'] },
    });
    assert.deepEqual(byName.get('lines_import'), {
      name: 'lines_import', type: 'import_mod',
      mispattributes: { userConfig: { type: { type: 'String', message: 'Attribute type' } }, inputSource: ['file', 'paste'] },
      meta: { version: '1', author: 'CERT-XX', description: 'One attribute per line', 'module-type': ['import'], config: [] },
    });
    assert.equal(byName.get('value_list')?.['type'], 'export_mod');
    const params = { params: { note: { type: 'string', description: 'A note', value: 'hello' } }, blocking: false, support_filters: false, expect_misp_core_format: false };
    assert.deepEqual(byName.get('note_action'), {
      name: 'note_action', type: 'action_mod', mispattributes: { config: params },
      meta: { version: '0.1', author: 'CERT-XX', description: 'Checks the note', 'module-type': ['action'], config: params },
    });
    assert.ok(!byName.has('_shouting'), 'helpers are not modules');
    assert.ok(!byName.has('broken'));
  });

  test('a module that fails to import is a loading problem with its traceback; the others are served', () => {
    const problem = server.server.registry.problems.find((p) => p.source.endsWith('broken.py'));
    assert.ok(problem, 'broken.py is reported');
    assert.match(problem.reason, /ModuleNotFoundError: No module named 'definitely_not_installed_module'/);
    assert.match(server.logs.text, /custom module skipped: .*broken\.py/);
  });
});

describe('/query runs them with the Python server\'s conventions', () => {
  test('a legacy expansion, its helper module and its settings', async () => {
    assert.deepEqual(await server.query({ module: 'shout', text: 'hello', config: { api_key: 'k-123456789' } }), {
      results: [{ types: ['text'], values: ['HELLO!'] }],
    });
  });

  test('misperrors: a returned {"error": …} is the module\'s error', async () => {
    assert.deepEqual(await server.query({ module: 'shout', text: 'hello', config: {} }), { error: 'An API key is required' });
  });

  test('prints go to the log, not into the answer', async () => {
    await server.query({ module: 'shout', text: 'x', config: { api_key: 'k-123456789' } });
    assert.match(server.logs.text, /python shout: handler called for shout/);
  });

  test('misp_standard objects built as plain dicts; logging reaches the server\'s log', async () => {
    const answer = await server.query({ module: 'domain_object', attribute: { type: 'domain', value: 'example.org', uuid: UUID } });
    const objects = (answer['results'] as { Object: Array<{ name: string; Attribute: Array<{ value: string }> }> }).Object;
    assert.deepEqual(objects.map((o) => [o.name, o.Attribute.map((a) => a.value)]), [['domain-ip', ['example.org', '192.0.2.10']]]);
    assert.match(server.logs.text, /python domain_object: WARNING domain_object: looking up example\.org/);
  });

  test('an import module reading base64 data and userConfig', async () => {
    const data = Buffer.from('198.51.100.1\n198.51.100.2\n').toString('base64');
    assert.deepEqual(await server.query({ module: 'lines_import', data, config: { type: 'ip-dst' } }), {
      results: [{ types: ['ip-dst'], values: ['198.51.100.1'] }, { types: ['ip-dst'], values: ['198.51.100.2'] }],
    });
  });

  test('an export module', async () => {
    const answer = await server.query({ module: 'value_list', data: [{ Attribute: [{ value: 'a.example' }, { value: 'b.example' }] }] });
    assert.equal(Buffer.from(String(answer['data']), 'base64').toString(), 'a.example\nb.example');
  });

  test('an action module with params', async () => {
    assert.deepEqual(await server.query({ module: 'note_action', data: {}, params: { note: 'hello' } }), { data: true });
    assert.deepEqual(await server.query({ module: 'note_action', data: {}, params: { note: 'bye' } }), { data: false });
  });

  test('a module that raises: a crash answer naming it, the traceback in the log, the next query works', async () => {
    const answer = await server.query({ module: 'domain_object', attribute: { type: 'domain', value: 'raise.example', uuid: UUID } });
    assert.match(String(answer['error']), /domain_object/);
    assert.match(server.logs.text, /ValueError: the lookup service is down/);
    const next = await server.query({ module: 'domain_object', attribute: { type: 'domain', value: 'ok.example', uuid: UUID } });
    assert.ok(next['results']);
  });

  test('sys.exit in a handler fails that query only', async () => {
    const answer = await server.query({ module: 'domain_object', attribute: { type: 'domain', value: 'exit.example', uuid: UUID } });
    assert.match(String(answer['error']), /domain_object/);
    assert.match(server.logs.text, /SystemExit: 3/);
    assert.ok((await server.query({ module: 'domain_object', attribute: { type: 'domain', value: 'ok.example', uuid: UUID } }))['results']);
  });

  test('a handler that sleeps past the timeout: "Timeout.", its process killed, the next query works', async () => {
    const started = Date.now();
    const answer = await server.query({ module: 'domain_object', timeout: 1, attribute: { type: 'domain', value: 'sleep.example', uuid: UUID } });
    assert.deepEqual(answer, { error: 'Timeout.' });
    assert.ok(Date.now() - started < 10_000);
    const next = await server.query({ module: 'domain_object', attribute: { type: 'domain', value: 'after.example', uuid: UUID } });
    assert.ok(next['results'], JSON.stringify(next));
  });

  test('50 concurrent queries on a pool of 4 processes: every one answered with its own value', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => server.query({ module: 'shout', text: `v${i}`, config: { api_key: 'k-123456789' } })),
    );
    assert.deepEqual(
      answers.map((a) => (a['results'] as Array<{ values: string[] }>)[0]!.values[0]),
      Array.from({ length: 50 }, (_, i) => `V${i}!`),
    );
  });

  test('a large body (over --offload-bytes) reaches the Python module too', async () => {
    const data = Buffer.from(`${'203.0.113.9\n'.repeat(120_000)}`).toString('base64');
    const answer = await server.query({ module: 'lines_import', data, config: { type: 'ip-dst' } });
    assert.equal((answer['results'] as unknown[]).length, 120_000);
  });
});
