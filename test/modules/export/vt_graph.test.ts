/**
 * vt_graph against a loopback VirusTotal. The sample events are checked
 * against graphs made by upstream's own Python code (vt_graph.py,
 * vt_graph_parser, vt_graph_api 2.2.0) on the same fake VirusTotal
 * (fixtures-vt/make_vt_graph_goldens.py): the saved document and the API
 * calls must be the same, in both of MISP's event shapes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';
import vtGraph from '../../../src/modules/export/vt_graph.js';
import { startFakeHttp, type FakeHttp, type FakeRequest, type FakeResponse } from '../../support/fake-http.js';
import { startTestServer, type TestServer } from '../../server/harness.js';
import { assertDescriptor, attr, badInputTests, exportError, exportText, object, rawEvent, samples, type Json } from './helpers-a.js';

const KEY = 'vt-test-key-0123456789';
const CONFIG = { vt_api_key: KEY };
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const MISSING_KEY = 'A VirusTotal api key is required for this module.';

/** Per-test answers, tried before the default fake (return undefined to fall through). */
let overrides: Array<(req: FakeRequest, path: string) => FakeResponse | undefined> = [];
let graphCount = 0;

/** The fake VirusTotal make_vt_graph_goldens.py serves, plus the graph endpoints. */
function defaultVt(req: FakeRequest, path: string): FakeResponse {
  // Split before decoding: an id may hold a slash (a URL without scheme, a file name).
  const [kind = '', id = '', ...rest] = req.path.slice('/api/v3/'.length).split('/').map(decodeURIComponent);
  if (req.method === 'GET' && kind === 'files' && rest.length === 0) {
    if (/^([0-9a-f]{32}|[0-9a-f]{40})$/i.test(id)) {
      const attributes = { sha256: sha(id), last_analysis_stats: { malicious: 3, suspicious: 1 }, type_tag: 'peexe' };
      return { json: { data: { id: sha(id), type: 'file', attributes } } };
    }
    if (/^[0-9a-f]{64}$/i.test(id)) {
      return { json: { data: { id, type: 'file', attributes: { sha256: id, last_analysis_stats: { malicious: 5, suspicious: 0 } } } } };
    }
    return { status: 404, json: { error: { code: 'NotFoundError', message: 'not found' } } };
  }
  if (req.method === 'POST' && path === 'urls') {
    const url = new URLSearchParams(req.body).get('url') ?? '';
    return { json: { data: { type: 'analysis', id: `u-${sha(url)}-1700000000` } } };
  }
  if (req.method === 'GET' && rest.length === 0) {
    if (kind === 'urls') return { json: { data: { attributes: { last_analysis_stats: { malicious: 1, suspicious: 2 } } } } };
    if (kind === 'domains') return { json: { data: { attributes: { last_analysis_stats: { malicious: 0 } } } } };
    if (kind === 'ip_addresses') return { json: { data: { attributes: { country: 'NL' } } } };
  }
  if (req.method === 'POST' && path === 'graphs') return { json: { data: { id: `g-${++graphCount}`, type: 'graph' } } };
  if (req.method === 'PATCH' && kind === 'graphs' && rest.length === 0) return { json: { data: { id, type: 'graph' } } };
  if (req.method === 'POST' && kind === 'graphs' && (rest[0] === 'editors' || rest[0] === 'viewers')) return { json: {} };
  return { status: 404, json: { error: { code: 'NotFoundError', message: `no fake for ${req.method} ${path}` } } };
}

let fake: FakeHttp;
let t: TestServer;

before(async () => {
  fake = await startFakeHttp({
    '* /api/v3/*': (req) => {
      const path = decodeURIComponent(req.path.slice('/api/v3/'.length));
      for (const override of overrides) {
        const answer = override(req, path);
        if (answer) return answer;
      }
      return defaultVt(req, path);
    },
  });
  t = await startTestServer({ builtins: [vtGraph], settings: { upstreams: [`www.virustotal.com=${fake.url}`] } });
});
after(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => {
  overrides = [];
  graphCount = 0;
  fake.requests.length = 0;
});

const vtPath = (req: { path: string }): string => decodeURIComponent(req.path.slice('/api/v3/'.length));
/** The API calls made, as `METHOD path`, sorted; the saves and sharing calls left out. */
const lookups = (): string[] =>
  fake.requests.filter((r) => !vtPath(r).startsWith('graphs')).map((r) => `${r.method} ${vtPath(r)}`).sort();
const saves = (): Json[] =>
  fake.requests.filter((r) => /^graphs(\/[^/]+)?$/.test(vtPath(r)) && r.method !== 'GET').map((r) => JSON.parse(r.body) as Json);
const graphCalls = (): string[] => fake.requests.filter((r) => vtPath(r).startsWith('graphs')).map((r) => `${r.method} ${vtPath(r)}`);

/** The saved graph in short: nodes as `type id [text]`, links as `source -type-> target`, relationship nodes hidden. */
function summary(document: Json): { nodes: string[]; links: string[] } {
  const attributes = document.data.attributes as Json;
  const nodes = (attributes.nodes as Json[]).filter((n) => n.type !== 'relationship');
  const links = (attributes.links as Json[]).filter((l) => !String(l.target).startsWith('relationships_'));
  return {
    nodes: nodes.map((n) => `${n.type === 'custom' ? `custom:${n.entity_attributes.custom_type}` : n.type} ${n.entity_id}${n.text ? ` [${n.text}]` : ''}`),
    links: links.map((l) => `${String(l.source).startsWith('relationships_') ? '…' : l.source} -${l.connection_type}-> ${l.target}`),
  };
}

function stripInformation(document: Json): Json {
  const copy = structuredClone(document);
  for (const node of copy.data.attributes.nodes as Json[]) {
    if (node.type !== 'custom') delete node.entity_attributes;
  }
  return copy;
}

const GOLDEN = new URL('fixtures-vt/vt_graph/', import.meta.url);
function golden(sampleName: string): { calls: string[]; infoCalls: string[]; graph: Json } | undefined {
  const file = new URL(sampleName.split('/').pop()!, GOLDEN);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { calls: string[]; infoCalls: string[]; graph: Json }) : undefined;
}

describe('vt_graph', () => {
  test('is listed with upstream settings and export attributes', async () => {
    await assertDescriptor(t, 'vt_graph', { responseType: 'application/txt', outputFileExtension: 'txt', userConfig: {}, inputSource: [] }, [
      'vt_api_key', 'fetch_information', 'private', 'fetch_vt_enterprise', 'expand_one_level',
      'user_editors', 'user_viewers', 'group_editors', 'group_viewers',
    ]);
  });

  describe('the sample events give the graphs upstream builds', () => {
    for (const sample of samples()) {
      const expected = golden(sample.name);
      for (const shape of ['raw', 'core'] as const) {
        test(`${sample.name} (${shape} shape)`, async () => {
          if (!expected) {
            const message = await exportError(t, { module: 'vt_graph', config: CONFIG, data: [sample[shape]] });
            assert.match(message, /^No event holds an attribute VirusTotal Graph can show .*no graph was created\.$/);
            assert.equal(fake.requests.length, 0);
            return;
          }
          assert.equal(await exportText(t, 'vt_graph', [sample[shape]], CONFIG), 'https://www.virustotal.com/graph/g-1');
          assert.deepEqual(saves(), [stripInformation(expected.graph)]);
          assert.deepEqual(lookups(), expected.calls);
          assert.deepEqual(graphCalls(), ['POST graphs'], 'no sharing configured: no sharing calls');
          for (const request of fake.requests) {
            assert.equal(request.headers['x-apikey'], KEY);
            assert.equal(request.headers['x-tool'], 'Graph');
          }

          fake.requests.length = 0;
          const withInformation = { ...CONFIG, fetch_information: '1' };
          assert.equal(await exportText(t, 'vt_graph', [sample[shape]], withInformation), 'https://www.virustotal.com/graph/g-2');
          assert.deepEqual(saves(), [expected.graph]);
          assert.deepEqual(lookups(), [...expected.calls, ...expected.infoCalls].sort());
        });
      }
    }
  });

  describe('graph construction', () => {
    test('links follow the order of the attributes, by type (upstream rules)', async () => {
      const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
      const sha256 = 'a'.repeat(64);
      const url = 'http://evil.example/payload.bin';
      const event = rawEvent([
        attr('domain', 'evil.example'),
        attr('ip-dst', '198.51.100.7'),
        attr('ip-dst', '198.51.100.8'),
        attr('url', url),
        attr('md5', md5, { category: 'Artifacts dropped' }),
        attr('sha256', sha256, { category: 'Payload delivery' }),
        attr('hostname', 'c2.example'),
        attr('target-user', 'alice', { category: 'Targeting data' }),
        attr('text', 'not a node'),
      ]);
      assert.equal(await exportText(t, 'vt_graph', [event], CONFIG), 'https://www.virustotal.com/graph/g-1');
      const [document] = saves();
      assert.deepEqual(summary(document!), {
        nodes: [
          'domain evil.example', 'ip_address 198.51.100.7', 'ip_address 198.51.100.8', `url ${sha(url)}`,
          `file ${sha(md5)}`, `file ${sha256}`, 'domain c2.example', 'custom:victim alice',
        ],
        links: [
          '… -resolutions-> 198.51.100.7', // a domain then IPs: each IP goes back to the domain
          '… -resolutions-> 198.51.100.8',
          `… -urls-> ${sha(url)}`,
          `… -downloaded_files-> ${sha(md5)}`, // a URL then files: both files back to the URL
          `… -downloaded_files-> ${sha256}`,
          '… -contacted_domains-> c2.example',
          'c2.example -manual-> alice', // no VirusTotal relationship: a direct manual link
        ],
      });
      const attributes = document!.data.attributes as Json;
      // Relationship nodes: one per source and connection type, named after the source without dots.
      assert.deepEqual((attributes.links as Json[]).slice(0, 4), [
        { connection_type: 'resolutions', source: 'evil.example', target: 'relationships_resolutions_evilexample' },
        { connection_type: 'resolutions', source: 'relationships_resolutions_evilexample', target: '198.51.100.7' },
        { connection_type: 'resolutions', source: 'evil.example', target: 'relationships_resolutions_evilexample' },
        { connection_type: 'resolutions', source: 'relationships_resolutions_evilexample', target: '198.51.100.8' },
      ]);
      assert.deepEqual((attributes.nodes as Json[]).slice(0, 3), [
        { type: 'domain', entity_id: 'evil.example', index: 0, x: 0, y: 0 },
        { type: 'ip_address', entity_id: '198.51.100.7', index: 1, x: 0, y: 0 },
        { type: 'relationship', entity_id: 'relationships_resolutions_evilexample', index: 2, x: 0, y: 0 },
      ]);
      assert.deepEqual((attributes.nodes as Json[]).at(-1), {
        type: 'custom', entity_id: 'alice', index: 11, x: 0, y: 0, entity_attributes: { custom_type: 'victim' },
      });
      assert.deepEqual(attributes.graph_data, { description: 'Graph created from MISP event', version: '2.2.0' });
      assert.equal(attributes.private, false);
      assert.equal(attributes.representation, 'force_graph');
      assert.equal(document!.data.type, 'graph');
      // Only the URL and the MD5 needed an id lookup.
      assert.deepEqual(lookups(), [`GET files/${md5}`, 'POST urls']);
      const submitted = fake.requests.find((r) => vtPath(r) === 'urls')!;
      assert.equal(new URLSearchParams(submitted.body).get('url'), url);
    });

    test('a file after a domain or an IP is a communicating file, or a downloaded one when dropped', async () => {
      const event = rawEvent([
        attr('domain', 'a.example'),
        attr('sha256', 'b'.repeat(64), { category: 'Payload delivery' }),
        attr('ip-src', '192.0.2.3'),
        attr('sha256', 'c'.repeat(64), { category: 'Artifacts dropped' }),
      ]);
      await exportText(t, 'vt_graph', [event], CONFIG);
      assert.deepEqual(summary(saves()[0]!).links, [
        `… -communicating_files-> ${'b'.repeat(64)}`,
        '… -contacted_ips-> 192.0.2.3',
        `… -downloaded_files-> ${'c'.repeat(64)}`,
      ]);
    });

    test('file names label their nodes; filename|md5 is split at its last |', async () => {
      const md5 = '0123456789abcdef0123456789abcdef';
      const event = rawEvent([], [object('file', [attr('filename|md5', `odd|name.exe|${md5}`), attr('filename', 'invoice.pdf')])]);
      await exportText(t, 'vt_graph', [event], CONFIG);
      assert.deepEqual(summary(saves()[0]!).nodes, [`file ${sha(md5)} [odd|name.exe]`, 'file invoice.pdf [invoice.pdf]']);
    });

    test('fetch_vt_enterprise: a file known by name only is searched in VirusTotal Intelligence', async () => {
      const found = sha('Invoice_2023.exe');
      overrides.push((req, path) =>
        path === 'intelligence/search' ? { json: { meta: { total_hits: 1 }, data: [{ id: found, type: 'file' }] } } : undefined,
      );
      const event = rawEvent([attr('filename', 'Invoice_2023.exe'), attr('filename', 'invoice.pdf'), attr('filename', 'two hits.doc')]);
      overrides.unshift((req) =>
        req.query.query === 'two hits.doc' ? { json: { meta: { total_hits: 2 }, data: [{ id: 'x', type: 'file' }, { id: 'y', type: 'file' }] } } : undefined,
      );
      await exportText(t, 'vt_graph', [event], { ...CONFIG, fetch_vt_enterprise: 'true' });
      assert.deepEqual(summary(saves()[0]!).nodes, [
        `file ${found} [Invoice_2023.exe]`,
        'file invoice.pdf [invoice.pdf]', // looks like a domain name: not searched (as vt_graph_api)
        'file two hits.doc [two hits.doc]', // more than one hit: kept as it is
      ]);
      const searches = fake.requests.filter((r) => vtPath(r) === 'intelligence/search').map((r) => r.query.query).sort();
      assert.deepEqual(searches, ['Invoice_2023.exe', 'two hits.doc']);

      fake.requests.length = 0;
      await exportText(t, 'vt_graph', [event], CONFIG);
      assert.equal(fake.requests.filter((r) => vtPath(r) === 'intelligence/search').length, 0, 'off by default');
    });

    test('a value listed twice is one node, never linked to itself (upstream failed on it)', async () => {
      const event = rawEvent([attr('hostname', 'a.example'), attr('domain', 'a.example'), attr('ip-dst', '192.0.2.1'), attr('ip-src', '192.0.2.1')]);
      await exportText(t, 'vt_graph', [event], CONFIG);
      assert.deepEqual(summary(saves()[0]!), {
        nodes: ['domain a.example', 'ip_address 192.0.2.1'],
        links: ['… -resolutions-> 192.0.2.1'],
      });
    });

    test('a target user first stays unlinked (upstream failed on it)', async () => {
      const event = rawEvent([attr('target-user', 'bob'), attr('target-email', 'bob@example.org'), attr('domain', 'a.example')]);
      await exportText(t, 'vt_graph', [event], CONFIG);
      assert.deepEqual(summary(saves()[0]!), {
        nodes: ['custom:victim bob', 'custom:email bob@example.org', 'domain a.example'],
        links: [],
      });
    });

    test('an event in the core shape with objects gives the same graph as in the raw shape', async () => {
      const raw = rawEvent([attr('domain', 'a.example')], [object('file', [attr('md5', '0'.repeat(32)), attr('sha1', '1'.repeat(40))])]);
      await exportText(t, 'vt_graph', [raw], CONFIG);
      const core = { Event: { ...raw.Event, Attribute: raw.Attribute, Object: raw.Object } };
      await exportText(t, 'vt_graph', [core], CONFIG);
      const [first, second] = saves();
      assert.deepEqual(second, first);
      assert.deepEqual(summary(first!).links, [`… -communicating_files-> ${sha('0'.repeat(32))}`, `… -communicating_files-> ${sha('1'.repeat(40))}`]);
    });

    test('several events: one graph each, one link a line', async () => {
      const first = rawEvent([attr('domain', 'a.example')]);
      const empty = rawEvent([attr('text', 'nothing to draw')]);
      const second = rawEvent([attr('domain', 'b.example')]);
      const text = await exportText(t, 'vt_graph', [first, empty, second], CONFIG);
      assert.equal(text, 'https://www.virustotal.com/graph/g-1\nhttps://www.virustotal.com/graph/g-2');
      assert.deepEqual(saves().map((s) => summary(s).nodes), [['domain a.example'], ['domain b.example']]);
    });
  });

  describe('settings', () => {
    test('private and the editors and viewers are sent', async () => {
      const config = { ...CONFIG, private: 'True', user_editors: ' alice , bob,', group_editors: 'ir-team', user_viewers: 'carol', group_viewers: 'soc' };
      await exportText(t, 'vt_graph', [rawEvent([attr('domain', 'a.example')])], config);
      assert.equal(saves()[0]!.data.attributes.private, true);
      assert.deepEqual(graphCalls(), ['POST graphs', 'POST graphs/g-1/editors', 'POST graphs/g-1/viewers']);
      const body = (path: string) => JSON.parse(fake.requests.find((r) => vtPath(r) === path)!.body) as Json;
      assert.deepEqual(body('graphs/g-1/editors'), { data: [{ id: 'alice', type: 'user' }, { id: 'bob', type: 'user' }, { id: 'ir-team', type: 'group' }] });
      assert.deepEqual(body('graphs/g-1/viewers'), { data: [{ id: 'carol', type: 'user' }, { id: 'soc', type: 'group' }] });
    });

    test('"0", "false" and "no" mean no (upstream took any text as yes)', async () => {
      const config = { ...CONFIG, private: 'false', fetch_information: '0', expand_one_level: 'no', fetch_vt_enterprise: 'off' };
      await exportText(t, 'vt_graph', [rawEvent([attr('domain', 'a.example')])], config);
      assert.equal(saves()[0]!.data.attributes.private, false);
      assert.deepEqual(lookups(), [], 'no information, no expansion');
    });

    test('expand_one_level adds the related nodes of every node, following cursors', async () => {
      overrides.push((req, path) => {
        if (path === 'domains/a.example/resolutions') {
          if (req.query.cursor === 'c1') return { json: { data: [{ id: '192.0.2.10a.example', type: 'resolution' }] } };
          return { json: { data: [{ id: '192.0.2.1a.example', type: 'resolution' }, { id: '192.0.2.9a.example', type: 'resolution' }], meta: { cursor: 'c1' } } };
        }
        if (path === 'domains/a.example/siblings') return { status: 403, json: { error: { code: 'ForbiddenError', message: 'premium only' } } };
        if (path === 'domains/a.example/subdomains') return { json: { data: { id: 'www.a.example', type: 'domain' } } };
        if (path === 'ip_addresses/192.0.2.1/resolutions') return { json: { data: [{ id: '192.0.2.1b.example', type: 'resolution' }] } };
        if (path === 'ip_addresses/192.0.2.1/urls') {
          return { json: { data: [{ id: sha('http://b.example/'), type: 'url', attributes: { last_analysis_stats: { malicious: 4, suspicious: 0 } } }] } };
        }
        if (/^(domains|ip_addresses)\/[^/]+\/\w+$/.test(path)) return { json: { data: [] } };
        return undefined;
      });
      await exportText(t, 'vt_graph', [rawEvent([attr('domain', 'a.example'), attr('ip-dst', '192.0.2.1')])], { ...CONFIG, expand_one_level: '1' });
      const document = saves()[0]!;
      assert.deepEqual(summary(document), {
        nodes: ['domain a.example', 'ip_address 192.0.2.1', 'ip_address 192.0.2.9', 'ip_address 192.0.2.10', 'domain www.a.example', 'domain b.example', `url ${sha('http://b.example/')}`],
        links: [
          '… -resolutions-> 192.0.2.1',
          '… -resolutions-> 192.0.2.9',
          '… -resolutions-> 192.0.2.10',
          '… -subdomains-> www.a.example',
          '… -resolutions-> b.example',
          `… -urls-> ${sha('http://b.example/')}`,
        ],
      });
      const urlNode = (document.data.attributes.nodes as Json[]).find((n) => n.type === 'url')!;
      assert.deepEqual(urlNode.entity_attributes, { has_detections: 4 });
      // Every relationship of both nodes asked once (the first resolutions page twice: with and without cursor).
      const expansions = fake.requests.filter((r) => vtPath(r).split('/').length === 3);
      assert.equal(expansions.length, 18 + 9 + 1);
      const pages = expansions.filter((r) => vtPath(r) === 'domains/a.example/resolutions').map((r) => r.query);
      assert.deepEqual(pages, [{ limit: '40' }, { limit: '38', cursor: 'c1' }]);
    });

    test('nodes with the same children share one relationship node', async () => {
      overrides.push((req, path) => {
        if (/^domains\/[ab]\.example\/resolutions$/.test(path)) return { json: { data: [{ id: `192.0.2.50${path.split('/')[1]}`, type: 'resolution' }] } };
        if (/^\w+\/[^/]+\/\w+$/.test(path)) return { json: { data: [] } };
        return undefined;
      });
      await exportText(t, 'vt_graph', [rawEvent([attr('domain', 'a.example'), attr('domain', 'b.example')])], { ...CONFIG, expand_one_level: 'yes' });
      const links = saves()[0]!.data.attributes.links as Json[];
      assert.deepEqual(links.map((l) => `${l.source} -${l.connection_type}-> ${l.target}`), [
        'a.example -siblings-> relationships_siblings_aexample',
        'relationships_siblings_aexample -siblings-> b.example',
        'a.example -resolutions-> relationships_resolutions_aexample',
        'relationships_resolutions_aexample -resolutions-> 192.0.2.50',
        'b.example -resolutions-> relationships_resolutions_aexample',
        'relationships_resolutions_aexample -resolutions-> 192.0.2.50',
      ]);
    });

    test('an event linking a saved graph adds its new indicators to that graph', async () => {
      const saved = {
        data: {
          attributes: {
            graph_data: { description: 'Old graph', version: '2.2.0' },
            private: true,
            nodes: [
              { type: 'domain', entity_id: 'old.example', index: 0, x: 10, y: 20, text: 'Old' },
              { type: 'ip_address', entity_id: '192.0.2.1', index: 1, x: 0, y: 0, entity_attributes: { country: 'FR' } },
              { type: 'relationship', entity_id: 'relationships_resolutions_oldexample', index: 2, x: 0, y: 0 },
              { type: 'custom', entity_id: 'bob', index: 3, x: 0, y: 0, entity_attributes: { custom_type: 'victim' } },
              { type: 'relationship', entity_id: 'group-1', index: 4, x: 5, y: 5, entity_attributes: { relationship_type: 'group', grouped_node_ids: ['old.example', 'gone.example'] } },
            ],
            links: [
              { source: 'old.example', target: 'relationships_resolutions_oldexample', connection_type: 'resolutions' },
              { source: 'relationships_resolutions_oldexample', target: '192.0.2.1', connection_type: 'resolutions' },
              { source: 'old.example', target: 'bob', connection_type: 'manual' },
            ],
          },
        },
      };
      overrides.push((req, path) => {
        if (req.method === 'GET' && path === 'graphs/g-old') return { json: saved };
        if (path === 'graphs/g-old/relationships/viewers') return { json: { data: [{ id: 'soc', type: 'group' }] } };
        if (path === 'graphs/g-old/relationships/editors') return { json: { data: [{ id: 'carol', type: 'user' }] } };
        return undefined;
      });
      const event = rawEvent([
        attr('link', 'https://www.virustotal.com/graph/g-older', { id: '100' }),
        attr('link', 'https://www.virustotal.com/graph/g-old', { id: '900' }),
        attr('ip-dst', '192.0.2.1'),
        attr('domain', 'new.example'),
      ]);
      // The module's sharing settings do not apply to a saved graph (as upstream).
      const text = await exportText(t, 'vt_graph', [event], { ...CONFIG, user_editors: 'zed', private: 'no' });
      assert.equal(text, 'https://www.virustotal.com/graph/g-old');
      assert.deepEqual(graphCalls(), [
        'GET graphs/g-old', 'GET graphs/g-old/relationships/viewers', 'GET graphs/g-old/relationships/editors',
        'PATCH graphs/g-old', 'POST graphs/g-old/editors', 'POST graphs/g-old/viewers',
      ]);
      const attributes = saves()[0]!.data.attributes as Json;
      assert.equal(attributes.private, true);
      assert.deepEqual(attributes.graph_data, { description: 'Old graph', version: '2.2.0' });
      assert.deepEqual(attributes.nodes, [
        { type: 'domain', entity_id: 'old.example', index: 0, x: 10, y: 20, text: 'Old' },
        { type: 'ip_address', entity_id: '192.0.2.1', index: 1, x: 0, y: 0, entity_attributes: { country: 'FR' } },
        { type: 'relationship', entity_id: 'relationships_resolutions_oldexample', index: 2, x: 0, y: 0 },
        { type: 'custom', entity_id: 'bob', index: 3, x: 0, y: 0, entity_attributes: { custom_type: 'victim' } },
        { type: 'domain', entity_id: 'new.example', index: 4, x: 0, y: 0 },
        { type: 'relationship', entity_id: 'group-1', index: 5, x: 5, y: 5, entity_attributes: { relationship_type: 'group', grouped_node_ids: ['old.example'] } },
      ]);
      assert.deepEqual(attributes.links, [
        { connection_type: 'resolutions', source: 'old.example', target: 'relationships_resolutions_oldexample' },
        { connection_type: 'resolutions', source: 'relationships_resolutions_oldexample', target: '192.0.2.1' },
        { connection_type: 'manual', source: 'old.example', target: 'bob' },
        { source: 'old.example', target: 'group-1', connection_type: 'group' },
        { connection_type: 'resolutions', source: 'group-1', target: 'relationships_resolutions_oldexample' },
        { connection_type: 'manual', source: 'group-1', target: 'bob' },
      ]);
      const body = (path: string) => JSON.parse(fake.requests.find((r) => vtPath(r) === path && r.method === 'POST')!.body) as Json;
      assert.deepEqual(body('graphs/g-old/editors'), { data: [{ id: 'carol', type: 'user' }] });
      assert.deepEqual(body('graphs/g-old/viewers'), { data: [{ id: 'soc', type: 'group' }] });
    });
  });

  describe('errors', () => {
    const event = rawEvent([attr('md5', 'd41d8cd98f00b204e9800998ecf8427e'), attr('domain', 'a.example')]);
    const ask = (config: Json = CONFIG, extra: Json = {}) => exportError(t, { module: 'vt_graph', config, data: [event], ...extra });
    const vtError = (status: number, message: string, headers: Record<string, string> = {}): FakeResponse => ({
      status, headers, json: { error: { code: 'SomeError', message } },
    });

    test('no api key: upstream message, nothing sent', async () => {
      assert.equal(await ask({}), MISSING_KEY);
      assert.equal(await ask({ vt_api_key: '' }), MISSING_KEY);
      assert.equal(await exportError(t, { module: 'vt_graph', data: [event] }), MISSING_KEY);
      assert.equal(fake.requests.length, 0);
    });

    badInputTests(() => t, 'vt_graph', CONFIG);

    test('an event with nothing to draw is refused, nothing sent', async () => {
      const message = await exportError(t, { module: 'vt_graph', config: CONFIG, data: [rawEvent([attr('text', 'hello'), attr('ip-dst|port', '192.0.2.1|80')])] });
      assert.equal(
        message,
        'No event holds an attribute VirusTotal Graph can show (types hostname, domain, ip-src, ip-dst, url, filename|md5, filename, md5, ' +
          'sha1, sha256, target-user, target-email) or the link of a VirusTotal graph: no graph was created.',
      );
      assert.equal(fake.requests.length, 0);
    });

    test('a refused key on a lookup stops the export before saving', async () => {
      overrides.push((req, path) => (path.startsWith('files/') ? vtError(401, 'Wrong API key') : undefined));
      assert.equal(await ask(), 'VirusTotal answered HTTP 401 Unauthorized while looking up the file d41d8cd98f00b204e9800998ecf8427e: Wrong API key.');
      assert.deepEqual(graphCalls(), []);
    });

    test('an exhausted quota on a lookup', async () => {
      overrides.push((req, path) => (path.startsWith('domains/') ? vtError(429, 'Quota exceeded', { 'retry-after': '3600' }) : undefined));
      assert.equal(await ask({ ...CONFIG, fetch_information: '1' }), 'VirusTotal answered HTTP 429 Too Many Requests while looking up a.example: Quota exceeded.');
    });

    test('an unknown node is not an error', async () => {
      overrides.push((req, path) => (path === 'domains/a.example' ? vtError(404, 'Domain not found') : undefined));
      await exportText(t, 'vt_graph', [event], { ...CONFIG, fetch_information: '1' });
      const domain = (saves()[0]!.data.attributes.nodes as Json[]).find((n) => n.entity_id === 'a.example')!;
      assert.equal(domain.entity_attributes, undefined);
    });

    test('saving refused (401), failed (500), answered without id', async () => {
      overrides = [(req, path) => (path === 'graphs' ? vtError(401, 'Wrong API key') : undefined)];
      assert.equal(await ask(), 'Saving graph error: 401 status code. VirusTotal: Wrong API key');
      overrides = [(req, path) => (path === 'graphs' ? { status: 500, body: '<html>oops</html>' } : undefined)];
      assert.equal(await ask(), 'Saving graph error: 500 status code.');
      overrides = [(req, path) => (path === 'graphs' ? { json: { data: {} } } : undefined)];
      assert.equal(await ask(), 'Saving graph error: VirusTotal answered without the graph id.');
    });

    test('malformed JSON from VirusTotal', async () => {
      overrides = [(req, path) => (path === 'graphs' ? { body: '{"data": ' } : undefined)];
      assert.equal(await ask(), 'VirusTotal answered with invalid JSON (HTTP 200).');
      overrides = [(req, path) => (path.startsWith('files/') ? { body: 'not json' } : undefined)];
      assert.equal(await ask(), 'VirusTotal answered with invalid JSON (HTTP 200).');
      overrides = [(req, path) => (path.startsWith('files/') ? { json: ['a list'] } : undefined)];
      assert.match(await ask(), /JSON that is not an object while looking up the file/);
    });

    test('VirusTotal does not answer: the query times out', async () => {
      overrides.push((req, path) => (path === 'graphs' ? { hang: true } : undefined));
      assert.equal(await ask(CONFIG, { timeout: 1 }), 'Timeout.');
    });

    test('refused editors: the saved graph is named in the error', async () => {
      overrides.push((req, path) => (path === 'graphs/g-1/editors' ? vtError(400, 'User zed not found') : undefined));
      assert.equal(
        await ask({ ...CONFIG, user_editors: 'zed' }),
        'The graph was saved (https://www.virustotal.com/graph/g-1), but VirusTotal refused its editors (HTTP 400): User zed not found. ' +
          'Check the user and group names in the settings.',
      );
    });

    test('a linked graph VirusTotal does not have (upstream message)', async () => {
      const linked = rawEvent([attr('link', 'https://www.virustotal.com/graph/g-old'), attr('domain', 'a.example')]);
      const message = await exportError(t, { module: 'vt_graph', config: CONFIG, data: [linked] });
      assert.equal(message, 'Error to find graph with id: g-old. Response code: 404.');
    });
  });
});
