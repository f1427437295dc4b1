/**
 * rst_ssl: the TLS certificate a service presents, fetched by RST Cloud's
 * Scan API (`GET {base_url}/scan/ssl/certificate?target=host:port`, rstapi's
 * `scan.GetSslCertificate`, key in `X-Api-Key`), as an `x509` object
 * (subject, issuer, serial, version, validity, SHA-1/SHA-256/MD5
 * fingerprints) that identifies the input.
 *
 * Kept from upstream: name, inputs, settings, the target (a port in the
 * value, a `host|port` composite, a port attribute of the attribute's object,
 * the `port` setting, else 443), the field mapping, "<target>: no certificate
 * returned" as a text attribute, the missing-key message.
 * Fixed: vendor failures name RST Cloud, the HTTP status and what it said
 * (upstream: "RST SSL scan failed: Max retries reached" on 429 or a timeout);
 * the scan waits `timeout` seconds but never beyond the query's timeout.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import type { RelationOf } from '../../misp/templates/index.js';
import { asRecord, field, RST_NO_KEY, rstApi, rstSettings, truthy } from './_rstcloud/client.js';
import { textResult } from './_rstcloud/results.js';
import { anchorUuid, scanTarget } from './_rstcloud/target.js';

const INPUTS = ['ip-dst', 'ip-src', 'hostname', 'domain', 'ip-dst|port', 'ip-src|port', 'hostname|port', 'domain|port'] as const;

const MESSAGES = defineMessages({
  ...RST_NO_KEY,
  noTarget: 'No target found in the request (expects an IP/hostname).',
  noCertificate: '{target}: no certificate returned',
});

/** RST's certificate field → x509 relation. */
const X509_FIELDS: ReadonlyArray<readonly [string, RelationOf<'x509'>]> = [
  ['subject_dn', 'subject'],
  ['issuer_dn', 'issuer'],
  ['serial_number', 'serial-number'],
  ['version', 'version'],
  ['not_before', 'validity-not-before'],
  ['not_after', 'validity-not-after'],
  ['fingerprint_sha1', 'x509-fingerprint-sha1'],
  ['fingerprint_sha256', 'x509-fingerprint-sha256'],
  ['fingerprint_md5', 'x509-fingerprint-md5'],
];

export default defineModule({
  name: 'rst_ssl',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.2',
    author: 'RST Cloud',
    description: 'Fetch the SSL certificate for an IP[:port] as an x509 object via RST Scan API.',
    name: 'RST Cloud SSL Certificate',
    requirements: ['An RST Cloud API key.'],
    features:
      'Connects to the target service and retrieves the TLS certificate via RST Scan GET /scan/ssl/certificate. Returns an x509 MISP ' +
      'object with pivotable fingerprints (SHA-1/256/MD5), subject, issuer, and validity dates.',
    references: ['https://api.rstcloud.net/', 'https://pypi.org/project/rstapi/'],
    input: 'IP, hostname, or domain attribute (optional port via config or composite).',
    output: 'x509 MISP object referencing the enriched attribute.',
  },
  config: rstSettings('api_key', 'base_url', 'port', 'timeout'),
  attributes: { input: [...INPUTS], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const api = rstApi(ctx, MESSAGES, { scan: true });
    const attribute = requireAttribute(query, INPUTS);
    const target = scanTarget(query, attribute, ctx.config['port']);
    if (!target) throw MESSAGES.error('noTarget');

    const data = asRecord(await api.get('/scan/ssl/certificate', { query: { target } }));
    if (!data || !truthy(data['subject_dn'])) return textResult(MESSAGES.format('noCertificate', { target }), 'RST SSL Certificate');

    const result = new MispResultBuilder();
    result.echoInputAttribute(attribute);
    const x509 = result.addObject(
      'x509',
      X509_FIELDS.filter(([name]) => truthy(data[name])).map(([name, relation]) => [relation, field(data, name)] as const),
      { comment: `RST SSL Certificate for ${target}` },
    );
    result.addReference(x509.uuid, anchorUuid(query, attribute), 'identifies');
    return result.toResults();
  },
});
