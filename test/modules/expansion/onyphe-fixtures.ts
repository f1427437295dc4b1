/**
 * The documents upstream's tests/test_onyphe.py mocks the ONYPHE client
 * with, and ONYPHE's answer envelope, shared by the onyphe and onyphe_full tables.
 */
import type { FakeResponse } from '../../support/fake-http.js';

export const KEY = 'onyphe-0123456789abcdef0123456789abcdef';

export const IP_ATTRIBUTE = { type: 'ip-src', value: '198.51.100.10', uuid: '5b582d80-7a7e-4b6a-9f22-77656e72bb3b' };
export const DOMAIN_ATTRIBUTE = { type: 'domain', value: 'example.com', uuid: '1f0a4a1e-2f6b-4d0c-9a2f-2d4a1b0c7e91' };
export const HOSTNAME_ATTRIBUTE = { type: 'hostname', value: 'www.example.com', uuid: '9c1d5f22-3b7a-4e18-8c33-6d2f5a8b4c07' };

/** A routable address: what survives the filter on values mined from pastes. */
export const ROUTABLE_IP = '8.8.8.8';

export const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
export const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

export const CERTIFICATE_DOCUMENT = {
  serial: '0a1b2c3d4e5f',
  fingerprint: { md5: MD5, sha1: SHA1, sha256: SHA256 },
  signature: { algorithm: 'sha256WithRSAEncryption' },
  publickey: { algorithm: 'RSA', exponent: 65537, length: 2048 },
  issuer: { commonname: 'Example Root CA' },
  subject: { commonname: 'www.example.com' },
  validity: { notbefore: '2025-01-01T00:00:00.000Z', notafter: '2026-01-01T00:00:00.000Z' },
};

/** ONYPHE's answer envelope around a page of documents. */
export function envelope(results: unknown[], page = 1, maxPage = 1, total = results.length): Record<string, unknown> {
  return { count: results.length, error: 0, myip: '192.0.2.200', page, page_size: 100, max_page: maxPage, results, status: 'ok', took: '0.047', total };
}

/** What ONYPHE answers for a key it does not know. */
export const unauthorized: FakeResponse = { status: 401, json: { error: 1, text: 'Invalid API key.', myip: '192.0.2.200', status: 'nok' } };
