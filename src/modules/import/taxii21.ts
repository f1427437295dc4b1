/**
 * taxii21: reads STIX objects from a TAXII 2.1 collection (paging through
 * "Get Objects" with the user's filters, up to an object limit) and converts
 * them to MISP attributes, objects and tags (see _taxii/convert/).
 *
 * The collection URL comes from the user, so it goes through the URL guard.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { TaxiiClient, TaxiiStatusError, type TaxiiQuery } from './_taxii/client.js';
import { checkCollection, collectionUrl } from './_taxii/collection.js';
import { convertStixObjects } from './_taxii/convert/bundle.js';
import { fetchObjects } from './_taxii/paging.js';
import { PAGE_SIZE, readTaxii21Config, type Taxii21Config } from './_taxii/taxii21-config.js';
import { TAXII21_MESSAGES, TAXII_CLIENT_MESSAGES, TAXII_PAGING_MESSAGES } from './_taxii/messages.js';

const MESSAGES = defineMessages({
  ...TAXII_CLIENT_MESSAGES.templates,
  ...TAXII_PAGING_MESSAGES.templates,
  ...TAXII21_MESSAGES.templates,
});

function filters(config: Taxii21Config): TaxiiQuery {
  return {
    added_after: config.addedAfter,
    'match[id]': config.ids,
    'match[spec_version]': config.specVersion,
    'match[type]': config.types,
    'match[version]': config.versions,
  };
}

export default defineModule({
  name: 'taxii21',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.2',
    author: 'Abc',
    description: 'Import content from a TAXII 2.1 server',
    name: 'TAXII 2.1 Import',
    logo: '',
    requirements: [],
    features:
      'Reads a TAXII 2.1 collection (all pages, up to the object limit) with optional filters (added_after, STIX ids, ' +
      'spec versions, types, versions) and HTTP Basic authentication, then converts the STIX 2.0/2.1 objects: indicator ' +
      'patterns to attributes or objects (IP addresses, domains, URLs, file hashes and names, e-mail fields, network ' +
      'traffic, certificates, registry keys; other patterns as stix2-pattern attributes; YARA and Sigma rules), ' +
      'observed data and cyber observables, attack patterns, vulnerabilities, reports, malware, threat actors and ' +
      'campaigns; relationships and report contents become object references; labels and TLP markings become tags.',
    references: ['https://docs.oasis-open.org/cti/taxii/v2.1/taxii-v2.1.html'],
    input: '',
    output: '',
  },
  config: {
    stix_object_limit: {
      description: 'Most STIX objects read in one import (all pages together); the user may ask for fewer. Default 1000.',
    },
  },
  attributes: {
    inputSource: [],
    output: ['MISP objects'],
    format: 'misp_standard',
    userConfig: {
      url: { type: 'String', message: 'A TAXII 2.1 collection URL' },
      added_after: { type: 'String', message: 'Lower bound on time the object was uploaded to the TAXII server' },
      stix_id: { type: 'String', message: 'STIX ID(s) of objects' },
      spec_version: { type: 'String', message: 'STIX version(s) of objects' },
      type: { type: 'String', message: 'STIX type(s) of objects' },
      version: { type: 'String', message: 'Version timestamp(s), or "first"/"last"/"all"' },
      'STIX object limit': { type: 'Integer', message: 'Maximum number of STIX objects to process' },
      username: { type: 'String', message: 'Username for TAXII server authentication, if necessary' },
      password: { type: 'String', message: 'Password for TAXII server authentication, if necessary' },
    },
  },
  messages: MESSAGES,
  async handle(_query, ctx) {
    const config = readTaxii21Config(ctx.config);
    const url = collectionUrl(config.url);
    const client = new TaxiiClient(ctx, {
      service: `TAXII server ${url.host}`,
      userUrl: true,
      ...(config.auth && { auth: config.auth }),
    });
    try {
      await checkCollection(client, url);
      const page = await fetchObjects(client, new URL('objects/', url).href, {
        filters: filters(config),
        limit: config.objectLimit,
        pageSize: Math.min(PAGE_SIZE, config.objectLimit),
      });
      const { response, skipped } = convertStixObjects(page.objects);
      ctx.log.info('TAXII collection read', {
        objects: page.objects.length,
        pages: page.pages,
        truncated: page.truncated,
        skipped: Object.fromEntries(skipped),
      });
      // Upstream always answers the three lists, empty or not.
      return { results: { Attribute: [], Object: [], Tag: [], ...response.results } };
    } catch (error) {
      if (error instanceof TaxiiStatusError && (error.status === 401 || error.status === 403)) {
        throw MESSAGES.error('accessDenied');
      }
      throw error;
    }
  },
});
