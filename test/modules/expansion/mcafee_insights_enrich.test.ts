/**
 * mcafee_insights_enrich against a loopback McAfee IAM (client credentials
 * token: HTTP Basic + x-api-key, 401 otherwise) and MVISION Insights API v2
 * (`/insights/v2/iocs`, JSON:API body with `included` campaigns; only the
 * issued bearer token is accepted).
 */
import assert from 'node:assert/strict';
import mcafee from '../../../src/modules/expansion/mcafee_insights_enrich.js';
import type { FakeRequest, FakeResponse, Routes } from '../../support/fake-http.js';
import { testModule, vendorFailureRows, type Answer } from '../../support/module-tester.js';

const UUID = '7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09';
const SHA256 = 'a04ac6d98ad989312783d4fe3456c53730b212c79a426fb215708b6c6daa3de3';
const CONFIG = { api_key: 'mv-api-key', client_id: 'mv-client', client_secret: 'mv-secret' };
const TOKEN = 'iam-access-token-123';

const IAM = {
  'POST /iam/v1.1/token': (req: FakeRequest): FakeResponse => {
    const basic = `Basic ${Buffer.from(`${CONFIG.client_id}:${CONFIG.client_secret}`).toString('base64')}`;
    if (req.headers.authorization !== basic || req.headers['x-api-key'] !== CONFIG.api_key) return { status: 401, json: { message: 'Invalid client credentials.' } };
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== 'ins.user ins.suser ins.ms.r') return { status: 400, json: { error: 'invalid_request' } };
    return { json: { access_token: TOKEN, token_type: 'Bearer', expires_in: 599 } };
  },
} satisfies Routes;

const IOC_ANSWER = {
  data: [
    {
      type: 'iocs',
      id: '93211',
      attributes: {
        type: 'sha256',
        value: SHA256,
        coverage: { dat_version: { min: 4212, max: null } },
        uid: 'c3f1d1c4-3b9a-4b5e-8c1e-2f6a9d0e7b11',
        'is-coat': false,
        'is-sdb-dirty': false,
        category: 'Payload delivery',
        comment: 'Emotet loader',
        threat: { classification: 'Trojan', name: "Emotet 'epoch 5'", severity: 'high' },
        prevalence: { countries: [{ iso_code: 'US' }, { iso_code: 'DE' }], sectors: [{ sector: 'Financial Services' }] },
      },
      relationships: { campaigns: { data: [{ type: 'campaigns', id: '1287' }] } },
    },
  ],
  included: [{ type: 'campaigns', id: '1287', attributes: { name: 'Emotet Returns' } }],
};

const INSIGHTS = {
  'GET /insights/v2/iocs': (req: FakeRequest): FakeResponse => {
    if (req.headers.authorization !== `Bearer ${TOKEN}` || req.headers['x-api-key'] !== CONFIG.api_key) return { status: 401, json: { errors: [{ detail: 'Unauthorized' }] } };
    return { json: req.query['filter[value]'] === SHA256 ? IOC_ANSWER : { data: [], included: [] } };
  },
} satisfies Routes;

const attribute = (type: string, value: string) => ({ attribute: { type, value, uuid: UUID } });

type Out = {
  Attribute: Array<{ uuid: string; type: string; value: string }>;
  Object: Array<{ name: string; Attribute: Array<{ object_relation: string; value: string }>; ObjectReference: Array<{ referenced_uuid: string; relationship_type: string }> }>;
};

testModule({
  module: mcafee,
  vendors: { 'iam.mcafee-cloud.com': IAM, 'api.mvision.mcafee.com': INSIGHTS },
  config: CONFIG,
  rows: [
    {
      name: 'a known hash: the report object with upstream\'s lines and the campaign',
      query: attribute('sha256', SHA256),
      inputUuids: [UUID],
      requests: (requests) => {
        assert.deepEqual(requests.map((r) => `${r.vendor} ${r.method} ${r.path}`), ['iam.mcafee-cloud.com POST /iam/v1.1/token', 'api.mvision.mcafee.com GET /insights/v2/iocs']);
        assert.equal(requests[0]!.headers['content-type'], 'application/vnd.api+json');
        assert.equal(requests[1]!.query['filter[type][eq]'], 'sha256');
        assert.match(requests[1]!.query['fields'] ?? '', /^id, type, value, coverage/);
      },
      check: (answer: Answer) => {
        const results = answer['results'] as Out;
        const [report] = results.Object;
        assert.equal(report?.name, 'report');
        assert.deepEqual(report.Attribute.filter((a) => a.object_relation === 'summary').map((a) => a.value), [
          'Attribute Category: Payload delivery',
          'Attribute Comment: Emotet loader',
          'Dat Version Coverage: 4212',
          'Is Dirty: False',
          "Targeted Countries: ['US', 'DE']",
          "Targeted Sectors: ['Financial Services']",
          'Threat Classification: Trojan',
          'Threat Name: Emotet \'epoch 5\'',
          'Threat Severity: high',
          'Attribute ID: 93211',
        ]);
        const campaign = results.Attribute.find((a) => a.type === 'campaign-name');
        assert.equal(campaign?.value, 'Emotet Returns');
        assert.deepEqual(report.ObjectReference.map((r) => [r.relationship_type, r.referenced_uuid]), [['mvision-insights-details', UUID], ['mentions', campaign.uuid]]);
      },
    },
    { name: 'an unknown hash: upstream\'s "No Hash details" text, nothing invented', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), error: 'No Hash details in MVISION Insights found.' },
    { name: 'a missing client secret', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), config: { client_secret: '' }, error: 'Please provide MVISION API Key, Client ID and Client Secret.', requests: (r) => assert.equal(r.length, 0) },
    { name: 'no config at all', query: attribute('md5', 'd41d8cd98f00b204e9800998ecf8427e'), config: null, error: 'Please provide MVISION API Key, Client ID and Client Secret.' },
    { name: 'a type it does not take', query: attribute('domain', 'example.com'), error: /does not accept attributes of type 'domain'/ },
    { name: 'wrong client credentials: McAfee IAM refuses the token (401)', query: attribute('sha256', SHA256), config: { client_secret: 'wrong' }, error: 'McAfee IAM refused the token request (HTTP 401): Invalid client credentials.' },
    { name: 'a token answer without access_token', query: attribute('sha256', SHA256), routes: { 'iam.mcafee-cloud.com': { 'POST /iam/v1.1/token': { json: { token_type: 'Bearer' } } } }, messageId: 'noToken' },
    { name: 'Insights refuses the token (401)', query: attribute('sha256', SHA256), routes: { 'api.mvision.mcafee.com': { 'GET /insights/v2/iocs': { status: 401, json: { errors: [{ detail: 'Unauthorized' }] } } } }, error: /McAfee MVISION Insights .*HTTP 401/ },
    ...vendorFailureRows({ query: attribute('sha256', SHA256), host: 'api.mvision.mcafee.com', skip: ['unauthorized'], vendorMessage: 'Insights unavailable' }),
  ],
});
