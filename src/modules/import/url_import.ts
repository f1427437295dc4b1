/**
 * url_import: one URL per line → one `url` object each (tld, subdomain,
 * path, query, port, host, fragment, domain; the scheme on request), split
 * as upstream's PSLFaup does.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { decodeUrl, UrlComponentsError } from '../_shared/url-components.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';

const MESSAGES = defineMessages({
  ...TEXT_MESSAGES.templates,
  badUrl: 'Line {line}: {reason}',
});

function addUrlObject(result: MispResultBuilder, url: string, line: number, includeScheme: boolean): void {
  let parts;
  try {
    parts = decodeUrl(url);
  } catch (error) {
    if (error instanceof UrlComponentsError) throw MESSAGES.error('badUrl', { line, reason: error.message });
    throw error;
  }
  // Upstream's order. Upstream files an IP host under `host` (a hostname); the template's `ip`
  // relation is the right place, as in extract_url_components.
  result.addObject('url', [
    ['url', url],
    ['tld', parts.tld],
    ['subdomain', parts.subdomain],
    ['scheme', includeScheme ? parts.scheme : undefined],
    ['resource_path', parts.resourcePath],
    ['query_string', parts.queryString],
    ['port', parts.port],
    parts.ip ? ['ip', parts.ip] : ['host', parts.host],
    ['fragment', parts.fragment],
    ['domain_without_tld', parts.domainWithoutTld],
    ['domain', parts.domain],
  ]);
}

export default defineModule({
  name: 'url_import',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'Sami Mokaddem',
    description: 'Simple URL import tool with Faup',
    name: 'URL Import',
    logo: '',
    requirements: [],
    features:
      'One URL per line (file or paste); each becomes a url object with its components (TLD from the Public Suffix ' +
      'List, subdomain, path, query string, port, host, fragment, domain). Tick "Include scheme" to add the scheme.',
    references: [],
    input: 'A list of URLs, one per line.',
    output: 'MISP url objects.',
  },
  messages: MESSAGES,
  attributes: {
    userConfig: { include_scheme: { type: 'Boolean', message: 'Include scheme' } },
    inputSource: ['file', 'paste'],
    output: ['MISP Format'],
    format: 'misp_standard',
  },
  async handle(query, ctx) {
    const text = importedText(query, 'list of URLs');
    // MISP sends the checkbox as "1"/"0" (upstream took any value, "0" included, as true).
    const includeScheme = ['1', 'true'].includes((ctx.config['include_scheme'] ?? '').trim().toLowerCase());
    const result = new MispResultBuilder();
    text.split(/\r\n|\r|\n/).forEach((raw, i) => {
      const url = raw.trim();
      if (url !== '') addUrlObject(result, url, i + 1, includeScheme);
    });
    return { ...result.toResults() };
  },
});
