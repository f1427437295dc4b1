/**
 * One loopback fake standing in for the vendors of the built-in modules the
 * browser tests run, answering like their documented APIs (the same shapes
 * as the modules' own tests):
 * - CIRCL Passive DNS (circl_passivedns): `GET /pdns/query/{q}`, Basic auth, COF JSON lines;
 * - AlienVault OTX (otx): `/otxapi/indicator/…`, `X-OTX-API-KEY`, legacy results;
 * - rdap.org (rdap): `GET /domain/{name}`, held until the test releases it
 *   (the slow module: the others' results must show before it answers);
 * - URLhaus (urlhaus): `POST /v1/host/`, refusing the key and echoing it
 *   (the error must show, with the key scrubbed);
 * - ThreatMiner (threatminer): never answers (the module times out).
 */
import { startFakeHttp, withBasicAuth, type FakeHttp, type FakeRequest, type FakeResponse, type Routes } from '../../support/fake-http.js';

export const DOMAIN = 'circl.lu';
export const IP = '185.194.93.14';
export const IPV6 = '2a00:5980:93::14';
export const SHA256 = 'ffc2595aefa80b61621023252b5f0ccb22b6e31d7f1640913cd8ff74ddbd8b41';
export const SECRETS = {
  pdnsUser: 'analyst',
  pdnsPassword: 'pdns-pass-7Hq2xK9w',
  otxKey: 'otx-key-4f1c9e7a2b',
  urlhausKey: 'urlhaus-key-93bd51e0aa',
};

const ndjson = (lines: unknown[]): FakeResponse => ({ headers: { 'content-type': 'application/x-ndjson' }, body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' });
const cof = (rrname: string, rrtype: string, rdata: string, count: number) => ({ count, origin: 'https://www.circl.lu/pdns/', rrtype, rrname, rdata, time_first: 1489742400, time_last: 1701302400 });

const otxKnown = (answer: FakeResponse) => (req: FakeRequest): FakeResponse =>
  req.headers['x-otx-api-key'] === SECRETS.otxKey ? answer : { status: 403, json: { detail: 'Invalid API key' } };

const passiveDns = (records: Array<[string, string]>) => ({
  json: { passive_dns: records.map(([address, hostname]) => ({ address, hostname, record_type: 'A', first: '2018-06-12T09:10:21', last: '2024-01-03T11:42:07' })), count: records.length },
});

/** rdap.org's answer for circl.lu (RFC 9083, trimmed). */
const RDAP_CIRCL = {
  objectClassName: 'domain',
  ldhName: 'circl.lu',
  status: ['active'],
  entities: [{ objectClassName: 'entity', roles: ['registrar'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'RESTENA']]] }],
  events: [{ eventAction: 'registration', eventDate: '2008-04-14T00:00:00Z' }],
  nameservers: [{ objectClassName: 'nameserver', ldhName: 'ns3.circl.lu' }],
};

export interface Vendors {
  fake: FakeHttp;
  /** `--upstream` entries sending every vendor host to the fake. */
  upstreams: string[];
  /** Lets the held rdap.org answers go. */
  releaseRdap(): void;
  /** Resolves when rdap.org has been asked (its answer is held). */
  rdapAsked(): Promise<void>;
  close(): Promise<void>;
}

export async function startVendors(): Promise<Vendors> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked!: () => void;
  const rdapAsked = new Promise<void>((resolve) => (asked = resolve));
  const routes: Routes = {
    'GET /pdns/query/:q': withBasicAuth(
      SECRETS.pdnsUser,
      SECRETS.pdnsPassword,
      (req) => {
        if (req.params['q'] === DOMAIN) return ndjson([cof(DOMAIN, 'A', IP, 120), cof(DOMAIN, 'AAAA', IPV6, 80)]);
        if (req.params['q'] === IP) return ndjson([cof('www.circl.lu', 'A', IP, 33)]);
        return { body: '' };
      },
      { status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' },
    ),
    'GET /otxapi/indicator/domain/malware/:value': otxKnown({ json: { data: [{ hash: SHA256, detections: {}, date: '2019-01-01T00:00:00' }], size: 1, count: 1 } }),
    'GET /otxapi/indicator/domain/whois/:value': otxKnown({ json: { data: [{ key: 'emails', name: 'Emails', value: 'info@circl.lu' }], related: [], count: 1 } }),
    'GET /otxapi/indicator/hostname/passive_dns/:value': otxKnown(passiveDns([[IP, DOMAIN]])),
    'GET /otxapi/indicator/ip/malware/:value': otxKnown({ json: { data: [], size: 0, count: 0 } }),
    'GET /otxapi/indicator/ip/passive_dns/:value': otxKnown(passiveDns([[IP, 'www.circl.lu']])),
    'GET /domain/:name': async () => {
      asked();
      await released;
      return { headers: { 'content-type': 'application/rdap+json' }, body: JSON.stringify(RDAP_CIRCL) };
    },
    'POST /v1/host/': (req) =>
      req.headers['auth-key'] === 'never-valid'
        ? { json: { query_status: 'no_results' } }
        : { status: 401, json: { query_status: 'unknown_auth_key', error: `Auth-Key ${String(req.headers['auth-key'])} is not known` } },
    'GET /domain.php': { hang: true },
  };
  const fake = await startFakeHttp(routes);
  const hosts = ['www.circl.lu', 'otx.alienvault.com', 'rdap.org', 'urlhaus-api.abuse.ch', 'www.threatminer.org'];
  return {
    fake,
    upstreams: hosts.map((h) => `${h}=${fake.url}`),
    releaseRdap: release,
    rdapAsked: () => rdapAsked,
    close: async () => {
      release();
      await fake.close();
    },
  };
}
