/**
 * goamlexport: the transactions of a MISP event (transaction objects and the
 * bank-account, person, legal-entity and geolocation objects they reference)
 * as a goAML report (XML), as upstream. See ./_goaml/build.ts for the
 * mapping and what is fixed.
 *
 * Kept from upstream: `rentity_id` must be set; an event without objects or
 * without a transaction object is refused with upstream's messages; with
 * several events only the first one is exported.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { exportResult } from '../../misp/export-result.js';
import { buildGoAml, GOAML_MESSAGES } from './_goaml/build.js';
import { EVENTS_MESSAGES } from './_text/messages.js';
import { exportEvents } from './_text/events.js';

const MESSAGES = defineMessages({ ...EVENTS_MESSAGES.templates, ...GOAML_MESSAGES.templates });

export default defineModule({
  name: 'goamlexport',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'This module is used to export MISP events containing transaction objects into GoAML format.',
    name: 'GoAML Export',
    require_standard_format: true,
    logo: 'goAML.jpg',
    requirements: ['PyMISP', 'MISP objects'],
    features:
      'The module works as long as there is at least one transaction object in the Event.\n\nThen in order to have a' +
      ' valid GoAML document, please follow these guidelines:\n- For each transaction object, use either a' +
      ' bank-account, person, or legal-entity object to describe the origin of the transaction, and again one of them' +
      ' to describe the target of the transaction.\n- Create an object reference for both origin and target objects' +
      ' of the transaction.\n- A bank-account object needs a signatory, which is a person object, put as object' +
      ' reference of the bank-account.\n- A person can have an address, which is a geolocation object, put as object' +
      ' reference of the person.\n\nSupported relation types for object references that are recommended for each' +
      " object are the folowing:\n- transaction:\n\t- 'from', 'from_my_client': Origin of the transaction - at least" +
      " one of them is required.\n\t- 'to', 'to_my_client': Target of the transaction - at least one of them is" +
      " required.\n\t- 'address': Location of the transaction - optional.\n- bank-account:\n\t- 'signatory':" +
      ' Signatory of a bank-account - the reference from bank-account to a signatory is required, but the' +
      " relation-type is optional at the moment since this reference will always describe a signatory.\n\t- 'entity':" +
      " Entity owning the bank account - optional.\n- person:\n\t- 'address': Address of a person - optional.",
    references: ['http://goaml.unodc.org/'],
    input:
      'MISP objects (transaction, bank-account, person, legal-entity, geolocation), with references, describing' +
      ' financial transactions and their origin and target.',
    output:
      'GoAML format file, describing financial transactions, with their origin and target (bank accounts, persons or' +
      ' entities).',
  },
  config: {
    rentity_id: { description: 'The reporting entity id (rentity_id) of your organisation in goAML; required.' },
  },
  attributes: { input: ['MISPEvent'], output: ['xml file'], responseType: 'application/xml', outputFileExtension: 'xml' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const events = exportEvents(query);
    const rentityId = ctx.config.rentity_id;
    if (rentityId === undefined || rentityId.trim() === '') {
      throw MESSAGES.error('noReportingEntity');
    }
    return exportResult(buildGoAml(events[0]!, rentityId));
  },
});
