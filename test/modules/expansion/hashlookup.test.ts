/**
 * hashlookup against a loopback CIRCL hashlookup: answers shaped like
 * hashlookup.circl.lu's (`GET /lookup/{type}/{hash}`: the NSRL record with
 * parents; 404 `{"message": "Non existing MD5", …}`).
 */
import assert from 'node:assert/strict';
import hashlookup from '../../../src/modules/expansion/hashlookup.js';
import type { FakeRequest, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '9c4e29ad-27e4-4a1a-9d8b-1a2b3c4d5e6f';
const MD5 = '8ED4B4ED952526D89899E723F3488DE4';
const SHA1 = 'FFFFFDAC1B1B4C513896C805C2C698D9688BE69F';

/** A known file, as hashlookup documents its answer. */
const LS = {
  CRC32: '7A5407CA',
  FileName: './bin/ls',
  FileSize: '142144',
  MD5,
  OpSystemCode: '362',
  ProductCode: '9220',
  'SHA-1': SHA1,
  'SHA-256': '4E5D4C8D6E0D0A0A6B06C1A3F7E8D9C0B1A2F3E4D5C6B7A8F9E0D1C2B3A4F5E6',
  SSDEEP: '1536:hTu4qh8k3MzP9LoCy6P8hU1WAAkzAMf6xhKbLhT:0VoOnQWAAkzvf6xAj',
  SpecialCode: '',
  TLSH: 'T1A9E3F5A7E25B60B8C3A4C13C9BC3A5CEB3217AA5D7226D9C0E4CE4B6B4E38D1C2C5F90',
  db: 'nsrl_modern_rds',
  'insert-timestamp': '1646170845.9767513',
  source: 'NSRL',
  'hashlookup:parent-total': 1,
  parents: [{ 'SHA-1': '2B8E49E4C6C1F2A3B4C5D6E7F8091A2B3C4D5E6F', 'PackageName': 'coreutils' }],
};

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID, category: 'Payload delivery' } });

/** The hashlookup object of an answer as relation → value. */
function hashlookupObject(answer: Answer): Record<string, string> {
  const results = answer['results'] as { Object: Array<{ name: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }> };
  const [object] = results.Object;
  assert.equal(object?.name, 'hashlookup');
  assert.deepEqual(object.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['related-to', UUID]]);
  return Object.fromEntries(object.Attribute.map((a) => [a.object_relation, a.value]));
}

const HASHLOOKUP = {
    'GET /lookup/:type/:hash': (req: FakeRequest) =>
        req.params['hash']!.toUpperCase() === MD5 || req.params['hash']!.toUpperCase() === SHA1
          ? { json: LS }
          : { status: 404, json: { message: `Non existing ${req.params['type']!.toUpperCase()}`, query: req.params['hash'] } },
} satisfies Routes;

testModule({
  module: hashlookup,
  // The public service, and an admin's own instance (custom_API).
  vendors: { 'hashlookup.circl.lu': HASHLOOKUP, 'hashlookup.internal.example': HASHLOOKUP },
  config: {},
  rows: [
    {
      name: 'a known md5 gives the hashlookup object, related to the input',
      query: attribute('md5', MD5),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.method} ${r.target}`), [`GET /lookup/md5/${MD5}`]),
      check: (answer) => {
        assert.deepEqual(hashlookupObject(answer), {
          source: 'NSRL',
          MD5,
          'SHA-1': SHA1,
          'SHA-256': LS['SHA-256'],
          SSDEEP: LS.SSDEEP,
          TLSH: LS.TLSH,
          FileName: './bin/ls',
          FileSize: '142144',
        });
        const echoed = (answer['results'] as { Attribute: Array<{ uuid: string; value: string }> }).Attribute;
        assert.deepEqual(echoed.map((a) => [a.uuid, a.value]), [[UUID, MD5]]);
      },
    },
    {
      name: 'a known sha1 is asked at /lookup/sha1/',
      query: attribute('sha1', SHA1.toLowerCase()),
      inputUuids: [UUID],
      requests: (requests) => assert.deepEqual(requests.map((r) => r.path), [`/lookup/sha1/${SHA1.toLowerCase()}`]),
      check: (answer) => assert.equal(hashlookupObject(answer)['SHA-1'], SHA1),
    },
    {
      name: 'custom_API sends the lookup to that instance (trailing slash or not)',
      query: attribute('md5', MD5),
      // The admin's own instance: an address the test maps to the same fake.
      config: { custom_API: 'https://hashlookup.internal.example/' },
      requests: (requests) => assert.deepEqual(requests.map((r) => `${r.vendor} ${r.path}`), [`hashlookup.internal.example /lookup/md5/${MD5}`]),
      check: (answer) => assert.equal(hashlookupObject(answer).MD5, MD5),
    },
    { name: 'an unknown hash is "Non existing hash", nothing invented', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), messageId: 'notFound' },
    { name: 'an empty record is "Empty result"', query: attribute('md5', MD5), routes: { 'GET /lookup/:type/:hash': { json: {} } }, messageId: 'empty' },
    { name: 'a record with none of the fields read is "Empty result"', query: attribute('md5', MD5), routes: { 'GET /lookup/:type/:hash': { json: ['x'] } }, messageId: 'empty' },
    { name: 'a type it does not take is refused before any request', query: attribute('sha512', 'ab'.repeat(64)), error: /does not accept attributes of type 'sha512'/, requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute at all', query: { md5: MD5 }, error: /requires an "attribute" field/ },
    ...vendorFailureRows({ query: attribute('md5', MD5), skip: ['unauthorized'], vendorMessage: 'Service overloaded' }).map((row) =>
      row.name.includes('500') ? { ...row, error: 'CIRCL hashlookup answered HTTP 500 Internal Server Error: Service overloaded.' } : row,
    ),
  ],
});
