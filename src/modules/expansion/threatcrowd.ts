/**
 * threatcrowd: ThreatCrowd (AlienVault's free search API at
 * www.threatcrowd.org/searchApi/v2/) was shut down. The module keeps
 * upstream's face (name, inputs, outputs) so a MISP that has it enabled gets
 * an answer, and that answer says the service is gone and what to use
 * instead, rather than a connection error on every hover.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';

const MESSAGES = defineMessages({
  retired:
    'ThreatCrowd was shut down and its API no longer answers: this module cannot return anything. ' +
    'Disable it (Plugin.Enrichment_threatcrowd_enabled) and use the otx module (AlienVault OTX) instead.',
});

const TYPES = ['hostname', 'domain', 'ip-src', 'ip-dst', 'md5', 'sha1', 'sha256', 'sha512', 'whois-registrant-email'];

export default defineModule({
  name: 'threatcrowd',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '1',
    author: 'chrisdoman',
    description: 'Module to get information from ThreatCrowd.',
    name: 'ThreatCrowd Lookup',
    logo: 'threatcrowd.png',
    requirements: [],
    features: 'ThreatCrowd was shut down: the module answers an error saying so. Upstream queried its search API and mapped the results to MISP attributes.',
    references: ['https://www.threatcrowd.org/'],
    input: `A MISP attribute included in the following list: ${TYPES.join(', ')}`,
    output: 'An error: the service no longer exists.',
  },
  attributes: { input: TYPES, output: ['domain', 'ip-src', 'ip-dst', 'text', 'md5', 'sha1', 'sha256', 'sha512', 'hostname', 'whois-registrant-email'] },
  messages: MESSAGES,
  async handle() {
    throw MESSAGES.error('retired');
  },
});
