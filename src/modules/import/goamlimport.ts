/**
 * goamlimport: a goAML report (financial transactions) → transaction,
 * bank-account, person, legal-entity and geolocation objects with their
 * references, as goamlexport needs them to rebuild a goAML document.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { MispResultBuilder } from '../../misp/standard-result.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';
import { addGoamlObjects, GOAML_MESSAGES } from './_goaml/goaml.js';
import { XML_MESSAGES } from './_openioc/xml.js';

const MESSAGES = defineMessages({ ...TEXT_MESSAGES.templates, ...XML_MESSAGES.templates, ...GOAML_MESSAGES.templates });

export default defineModule({
  name: 'goamlimport',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '1',
    author: 'Christian Studer',
    description: 'Module to import MISP objects about financial transactions from GoAML files.',
    name: 'GoAML Import',
    logo: 'goAML.jpg',
    requirements: [],
    features:
      'Unlike the GoAML export module, there is here no special feature to import data from GoAML external files, ' +
      'since the module will import MISP Objects with their References on its own, as it is required for the export ' +
      'module to rebuild a valid GoAML document.',
    references: ['http://goaml.unodc.org/'],
    input:
      'GoAML format file, describing financial transactions, with their origin and target (bank accounts, persons ' +
      'or entities).',
    output:
      'MISP objects (transaction, bank-account, person, legal-entity, geolocation), with references, describing ' +
      'financial transactions and their origin and target.',
  },
  messages: MESSAGES,
  attributes: { inputSource: ['file'], output: ['MISP objects'], format: 'misp_standard' },
  async handle(query) {
    const result = new MispResultBuilder();
    addGoamlObjects(importedText(query, 'goAML XML report'), result);
    const { results } = result.toResults();
    return { results: { Object: results.Object ?? [] } };
  },
});
