/**
 * trustar_enrich: TruSTAR's API (api.trustar.co, station.trustar.co) was
 * shut down after Splunk bought the company. The module keeps upstream's face
 * (name, inputs, format, the three settings) so a MISP that has it enabled
 * keeps its settings and gets an answer saying the service is gone, rather
 * than a connection error.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';

const MESSAGES = defineMessages({
  retired:
    'TruSTAR was shut down and its API (api.trustar.co) no longer answers: this module cannot return anything. ' +
    'Disable it (Plugin.Enrichment_trustar_enrich_enabled).',
});

const TYPES = ['btc', 'domain', 'email-src', 'filename', 'hostname', 'ip-src', 'ip-dst', 'malware-type', 'md5', 'sha1', 'sha256', 'url'];

export default defineModule({
  name: 'trustar_enrich',
  kind: 'expansion',
  moduleType: ['hover', 'expansion'],
  meta: {
    version: '0.1',
    author: 'Jesse Hedden',
    description: 'Module to get enrich indicators with TruSTAR.',
    name: 'TruSTAR Enrich',
    logo: 'trustar.png',
    requirements: [],
    features: 'TruSTAR was shut down: the module answers an error saying so. Upstream appended TruSTAR indicator summaries and report links.',
    references: ['https://docs.trustar.co/api/v13/indicators/get_indicator_summaries.html'],
    input: `Any of the following MISP attributes: ${TYPES.join(', ')}`,
    output: 'An error: the service no longer exists.',
  },
  config: {
    user_api_key: { description: 'TruSTAR API key (kept so existing settings stay valid; the service is gone)', secret: true },
    user_api_secret: { description: 'TruSTAR API secret (kept so existing settings stay valid)', secret: true },
    enclave_ids: { description: 'TruSTAR enclave ids (kept so existing settings stay valid)' },
  },
  attributes: { input: TYPES, format: 'misp_standard' },
  messages: MESSAGES,
  async handle() {
    throw MESSAGES.error('retired');
  },
});
