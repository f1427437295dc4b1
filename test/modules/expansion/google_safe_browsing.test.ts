/**
 * google_safe_browsing against a loopback safebrowsing.googleapis.com
 * answering `POST /v4/threatMatches:find` like the Safe Browsing v4
 * reference: `{matches: [{threatType, platformType, threatEntryType,
 * threat: {url}, threatEntryMetadata, cacheDuration}]}` for a listed URL,
 * `{}` otherwise; a wrong `key` parameter gets Google's HTTP 400
 * "API key not valid" error document.
 */
import assert from 'node:assert/strict';
import google_safe_browsing from '../../../src/modules/expansion/google_safe_browsing.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const KEY = 'AIzaSyTestKey0123456789abcdefghijklmn';
const BAD = 'http://malware.testing.google.test/testing/malware/';
const CLEAN = 'https://www.circl.lu/';
const UUID = '5f0e6b1c-3a1f-4c59-9a0e-1b7d2a9c8e11';
const attribute = (value: string, type = 'url') => ({ type, value, uuid: UUID, category: 'Network activity', to_ids: false });

const INVALID_KEY: FakeResponse = {
  status: 400,
  json: {
    error: {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      status: 'INVALID_ARGUMENT',
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'safebrowsing.googleapis.com' } }],
    },
  },
};

const match = (threatType: string, platformType: string, url = BAD) => ({
  threatType,
  platformType,
  threatEntryType: 'URL',
  threat: { url },
  threatEntryMetadata: { entries: [{ key: 'malware_threat_type', value: 'landing' }] },
  cacheDuration: '300s',
});

const ROUTES: Routes = {
  'POST /v4/threatMatches:find': (req: FakeRequest) => {
    if (req.query['key'] !== KEY) return INVALID_KEY;
    const body = req.json<{ threatInfo: { threatEntries: Array<{ url: string }> } }>();
    const urls = body.threatInfo.threatEntries.map((e) => e.url);
    if (!urls.includes(BAD)) return { json: {} };
    return { json: { matches: [match('MALWARE', 'WINDOWS'), match('MALWARE', 'LINUX'), match('UNWANTED_SOFTWARE', 'WINDOWS'), match('SOCIAL_ENGINEERING', 'ANY_PLATFORM')] } };
  },
};

interface ObjectAttribute {
  object_relation: string;
  type: string;
  value: string;
  Tag?: Array<{ name: string }>;
}
interface ResultObject {
  name: string;
  Attribute: ObjectAttribute[];
  ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }>;
}

function theObject(answer: Answer): ResultObject {
  const results = answer['results'] as { Attribute: Array<{ uuid: string; value: string }>; Object: ResultObject[] };
  assert.deepEqual(results.Attribute.map((a) => [a.uuid, a.value]), [[UUID, results.Attribute[0]!.value]]);
  assert.equal(results.Object.length, 1);
  const object = results.Object[0]!;
  assert.equal(object.name, 'google-safe-browsing');
  assert.deepEqual(object.ObjectReference.map((r) => [r.referenced_uuid, r.relationship_type]), [[UUID, 'describes']]);
  return object;
}
const relations = (object: ResultObject) =>
  object.Attribute.map((a) => ({ relation: a.object_relation, type: a.type, value: a.value, tags: (a.Tag ?? []).map((t) => t.name) }));

testModule({
  module: google_safe_browsing,
  vendors: { 'safebrowsing.googleapis.com': ROUTES },
  config: { api_key: KEY },
  rows: [
    {
      name: 'a listed URL: malicious, its threats tagged and its platforms, describing the input (key as ?key=)',
      query: { attribute: attribute(BAD) },
      inputUuids: [UUID],
      check: (answer) =>
        assert.deepEqual(relations(theObject(answer)), [
          { relation: 'malicious', type: 'boolean', value: '1', tags: ['ioc:artifact-state="malicious"'] },
          { relation: 'threats', type: 'text', value: 'MALWARE UNWANTED_SOFTWARE SOCIAL_ENGINEERING', tags: ['circl:incident="malware"', 'threat-type:unwanted_software', 'circl:incident="social-engineering"'] },
          { relation: 'platforms', type: 'text', value: 'WINDOWS LINUX ANY_PLATFORM', tags: [] },
        ]),
      requests: (requests) => {
        assert.equal(requests.length, 1);
        assert.equal(requests[0]!.method, 'POST');
        assert.equal(requests[0]!.query['key'], KEY);
        const body = JSON.parse(requests[0]!.body);
        assert.deepEqual(body.threatInfo, {
          threatTypes: ['MALWARE', 'SOCIAL_ENGINEERING', 'THREAT_TYPE_UNSPECIFIED', 'UNWANTED_SOFTWARE', 'POTENTIALLY_HARMFUL_APPLICATION'],
          platformTypes: ['ANY_PLATFORM'],
          threatEntryTypes: ['URL'],
          threatEntries: [{ url: BAD }],
        });
        assert.equal(typeof body.client.clientId, 'string');
      },
    },
    {
      name: 'a URL Google does not list ({}): not malicious, nothing invented',
      query: { attribute: attribute(CLEAN) },
      inputUuids: [UUID],
      check: (answer) => assert.deepEqual(relations(theObject(answer)), [{ relation: 'malicious', type: 'boolean', value: '0', tags: ['ioc:artifact-state="not-malicious"'] }]),
    },
    {
      name: 'matches for another URL only: not malicious',
      query: { attribute: attribute(CLEAN) },
      routes: { 'POST /v4/threatMatches:find': { json: { matches: [match('MALWARE', 'WINDOWS', 'http://other.example/')] } } },
      inputUuids: [UUID],
      check: (answer) => assert.equal(relations(theObject(answer))[0]!.value, '0'),
    },
    { name: 'no config: upstream\'s message', query: { attribute: attribute(BAD) }, config: null, error: 'Google Safe Browsing API key is missing' },
    { name: 'an empty api_key: refused before any request', query: { attribute: attribute(BAD) }, config: { api_key: '' }, messageId: 'noKey', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no attribute', query: { url: BAD }, error: /requires an "attribute" field/ },
    { name: 'an attribute of another type', query: { attribute: attribute('circl.lu', 'domain') }, messageId: 'unsupported' },
    { name: 'a wrong key: Google\'s 400 "API key not valid" is a refused key', query: { attribute: attribute(BAD) }, config: { api_key: 'wrong' }, messageId: 'badKey', data: { detail: 'API key not valid. Please pass a valid API key' } },
    {
      name: 'the API disabled for the key\'s project (403 PERMISSION_DENIED)',
      query: { attribute: attribute(BAD) },
      routes: { 'POST /v4/threatMatches:find': { status: 403, json: { error: { code: 403, message: 'Safe Browsing API has not been used in project 123456 before or it is disabled.', status: 'PERMISSION_DENIED' } } } },
      error: 'Google Safe Browsing refused the key (setting api_key, HTTP 403 Forbidden): Safe Browsing API has not been used in project 123456 before or it is disabled.',
    },
    {
      name: 'another 400 names Google\'s message',
      query: { attribute: attribute(BAD) },
      routes: { 'POST /v4/threatMatches:find': { status: 400, json: { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } } } },
      error: 'Google Safe Browsing answered HTTP 400 Bad Request: Invalid JSON payload received.',
    },
    ...vendorFailureRows({ query: { attribute: attribute(BAD) }, route: 'POST /v4/threatMatches:find', vendorMessage: 'Quota exceeded' }),
  ],
});
