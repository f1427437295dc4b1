/**
 * testexport: upstream's skeleton export module. It checks that MISP sent an
 * event list and answers an empty text file.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';

const MESSAGES = defineMessages({
  noData: 'The request has no "data" field: an export needs the event MISP sends.',
});

export default defineModule({
  name: 'testexport',
  kind: 'export',
  moduleType: ['export'],
  meta: {
    version: '0.1',
    author: 'Andras Iklody',
    description: 'Skeleton export module.',
    name: 'Test Export',
    features: 'Answers an empty text file for any event: a check of the export flow.',
  },
  attributes: {
    responseType: 'application/txt',
    userConfig: {},
    outputFileExtension: 'txt',
    inputSource: ['event'],
  },
  messages: MESSAGES,
  async handle(query) {
    if (!('data' in query)) throw MESSAGES.error('noData');
    return { response: [], data: Buffer.from('', 'utf8').toString('base64') };
  },
});
