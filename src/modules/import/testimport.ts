/**
 * testimport: upstream's skeleton import module. It decodes the uploaded data
 * and answers one fixed attribute, so an admin can check the import flow end
 * to end (MISP form → module → result screen).
 */
import { defineModule } from '../../core/module.js';
import { decodeBase64Field } from '../../core/query-helpers.js';

export default defineModule({
  name: 'testimport',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.2',
    author: 'Andras Iklody',
    description: 'Simple CSV import tool with mapable columns',
    name: 'CSV Test Import',
    features: 'A skeleton import module: it checks that the data is base64 and returns one fixed attribute.',
  },
  attributes: {
    userConfig: {
      number1: { type: 'Integer', regex: '/^[0-4]$/i', errorMessage: 'Expected a number in range [0-4]', message: 'Column number used for value' },
      some_string: { type: 'String', message: 'A text field' },
      boolean_field: { type: 'Boolean', message: 'Boolean field test' },
      comment: { type: 'Integer', message: 'Column number used for comment' },
    },
    inputSource: ['file', 'paste'],
  },
  async handle(query) {
    decodeBase64Field(query, 'data');
    return { results: [{ values: ['192.168.56.1'], types: ['ip-src'], categories: ['Network activity'] }] };
  },
});
