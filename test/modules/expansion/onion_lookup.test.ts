/**
 * onion_lookup against a loopback AIL onion-lookup (ail-project/onion-lookup
 * app.py): `GET /api/lookup/{onion}` answers AIL's domain metadata (id,
 * first_seen/last_seen as YYYY-MM-DD, languages, tags, titles), `{}` for an
 * onion it does not know, `{"error": "Incorrect onion format"}` for a
 * malformed one.
 */
import assert from 'node:assert/strict';
import onion_lookup from '../../../src/modules/expansion/onion_lookup.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';
const ONION = 'duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion';
const TAGS = ['infoleak:automatic-detection="onion"', 'dark-web:topic="search-engine"'];

const DETAILS = {
  id: ONION,
  first_seen: '2021-06-04',
  last_seen: '2024-11-02',
  languages: ['en', 'fr'],
  tags: TAGS,
  titles: ['DuckDuckGo — Privacy, simplified.', 'DuckDuckGo'],
};

const ONION_LOOKUP = {
  'GET /api/lookup/:onion': (req: FakeRequest) => {
    const onion = req.params['onion']!.toLowerCase();
    if (!/^[a-z2-7]{56}(\.onion)?$/.test(onion)) return { json: { error: 'Incorrect onion format' } };
    return { json: onion === ONION ? DETAILS : {} };
  },
} satisfies Routes;

const attribute = (value: string, extra: Record<string, unknown> = {}) => ({ attribute: { type: 'onion-address', value, uuid: UUID, category: 'Network activity', ...extra } });

type ResultAttribute = { uuid: string; value: string; comment?: string; Tag?: Array<{ name: string }>; object_relation?: string; type?: string };
type ResultObject = { name: string; comment?: string; Attribute: ResultAttribute[]; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> };

testModule({
  module: onion_lookup,
  vendors: { 'onion.ail-project.org': ONION_LOOKUP },
  rows: [
    {
      name: 'a known onion gives the hidden service object, AIL\'s tags on the input and on the address',
      query: attribute(ONION, { comment: 'seen in a phishing kit', Tag: [{ name: 'tlp:green' }] }),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /api/lookup/${ONION}`]),
      check: (answer: Answer) => {
        const results = answer['results'] as { Attribute: ResultAttribute[]; Object: ResultObject[] };
        const [object] = results.Object;
        assert.equal(object?.name, 'tor-hiddenservice');
        assert.equal(object.comment, undefined, 'no placeholder comment');
        assert.deepEqual(object.Attribute.map((a) => [a.object_relation, a.type, a.value]), [
          ['address', 'onion-address', ONION],
          ['first-seen', 'datetime', '2021-06-04T00:00:00'],
          ['last-seen', 'datetime', '2024-11-02T00:00:00'],
          ['language', 'text', 'en'],
          ['language', 'text', 'fr'],
          ['title', 'text', 'DuckDuckGo — Privacy, simplified.'],
          ['title', 'text', 'DuckDuckGo'],
        ]);
        assert.deepEqual(object.Attribute[0]!.Tag?.map((t) => t.name), TAGS);
        assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['expanded-from', UUID]]);
        const [input] = results.Attribute;
        assert.equal(input?.uuid, UUID);
        assert.equal(input.comment, 'seen in a phishing kit', 'the analyst\'s comment is kept');
        assert.deepEqual(input.Tag?.map((t) => t.name), ['tlp:green', ...TAGS]);
      },
    },
    {
      name: 'an answer with only the address keeps it alone',
      query: attribute(ONION),
      routes: { 'GET /api/lookup/:onion': { json: { id: ONION, first_seen: '2021-06-04', last_seen: '2021-06-04', languages: [], tags: [], titles: [] } } },
      inputUuids: [UUID],
      check: (answer: Answer) => {
        const [object] = (answer['results'] as { Object: ResultObject[] }).Object;
        assert.deepEqual(object!.Attribute.map((a) => a.object_relation), ['address', 'first-seen', 'last-seen']);
      },
    },
    { name: 'an onion AIL does not know (`{}`) says so, nothing invented', query: attribute('abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion'), messageId: 'unknown', data: { onion: 'abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion' } },
    { name: 'a 404 too', query: attribute(ONION), routes: { 'GET /api/lookup/:onion': { status: 404, headers: { 'content-type': 'text/html' }, body: '<html><title>404</title></html>' } }, messageId: 'unknown', data: { onion: ONION } },
    { name: 'a malformed onion is the service\'s own error', query: attribute('not-an-onion.onion'), error: 'AIL onion-lookup: Incorrect onion format' },
    { name: 'a value of ".." (another API path) is not sent', query: attribute('..'), messageId: 'unknown', data: { onion: '..' }, requests: (r) => assert.equal(r.length, 0) },
    { name: 'a type it does not take is refused before any request', query: { attribute: { type: 'domain', value: 'example.com', uuid: UUID } }, error: /does not accept attributes of type 'domain'/, requests: (r) => assert.equal(r.length, 0) },
    ...vendorFailureRows({ query: attribute(ONION), skip: ['unauthorized'], vendorMessage: 'Valkey server not reachable' }),
  ],
});
