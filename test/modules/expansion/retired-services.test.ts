/** Modules of services that were shut down: listed as upstream lists them, answering a clear error, reaching nothing. */
import assert from 'node:assert/strict';
import threatcrowd from '../../../src/modules/expansion/threatcrowd.js';
import trustar_enrich from '../../../src/modules/expansion/trustar_enrich.js';
import { testModule } from '../../support/module-tester.js';

const everyPath = { '* /*': { json: { response_code: '1' } } };

testModule({
  module: threatcrowd,
  vendors: { 'www.threatcrowd.org': everyPath },
  rows: [
    { name: 'a domain: the service is gone, nothing asked', query: { domain: 'example.org' }, messageId: 'retired', requests: (r) => assert.equal(r.length, 0) },
    { name: 'a hash: the same', query: { md5: 'd41d8cd98f00b204e9800998ecf8427e' }, messageId: 'retired' },
    { name: 'a type it never took is still refused as upstream would', query: { url: 'https://example.org/' }, error: /needs one of these attribute types/ },
  ],
});

testModule({
  module: trustar_enrich,
  vendors: { 'api.trustar.co': everyPath },
  config: { user_api_key: 'key-123456', user_api_secret: 'secret-123456', enclave_ids: 'a,b' },
  rows: [
    {
      name: 'an ip: the service is gone, nothing asked',
      query: { attribute: { type: 'ip-src', value: '198.51.100.7', uuid: '0f2d8b3a-6b0e-4c1e-9a0a-3f1c2d4e5f60' } },
      messageId: 'retired',
      requests: (r) => assert.equal(r.length, 0),
    },
  ],
});
