/**
 * extract_url_components: splits a url attribute into a MISP `url` object
 * (scheme, host, domain, tld, path, query, fragment, port, …) linked to the
 * input with `generated-from`. Offline.
 */
import { ModuleError } from '../../base/errors.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { decodeUrl, UrlComponentsError } from '../_shared/url-components.js';

export default defineModule({
  name: 'extract_url_components',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'MISP Team',
    description: 'Extract URL components',
    name: 'URL Components Extractor',
    features: 'Splits a URL into a url object: scheme, credential, host or IP, port, domain, subdomain, TLD (Public Suffix List), path, query string and fragment.',
    input: 'A url attribute.',
    output: 'A url object referencing the input with generated-from.',
  },
  attributes: { input: ['url'], format: 'misp_standard' },
  async handle(query) {
    const attribute = requireAttribute(query, ['url']);
    let parts;
    try {
      parts = decodeUrl(attribute.value.trim());
    } catch (error) {
      if (error instanceof UrlComponentsError) throw new ModuleError(error.message);
      throw error;
    }
    const result = new MispResultBuilder();
    const object = result.addObject('url', [
      ['url', attribute.value],
      ['tld', parts.tld],
      ['subdomain', parts.subdomain],
      ['scheme', parts.scheme],
      ['credential', parts.credential],
      ['resource_path', parts.resourcePath],
      ['query_string', parts.queryString],
      ['port', parts.port],
      // Upstream files an IP host under `host` (a hostname); the template's `ip` relation is the right place.
      parts.ip ? ['ip', parts.ip] : ['host', parts.host],
      ['fragment', parts.fragment],
      ['domain_without_tld', parts.domainWithoutTld],
      ['domain', parts.domain],
    ]);
    result.addReference(object.uuid, attribute.uuid, 'generated-from');
    const { results } = result.toResults();
    // Upstream answers the object only, without echoing the input attribute.
    return { results: { Object: results.Object } };
  },
});
