/**
 * openiocimport: the indicators of an OpenIOC file as MISP attributes
 * (legacy results), optionally with the file itself as an attachment and
 * default tags on everything.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { LegacyResultBuilder } from '../../misp/legacy-result.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';
import { OPENIOC_MESSAGES, openiocAttributes } from './_openioc/openioc.js';
import { XML_MESSAGES } from './_openioc/xml.js';

const MESSAGES = defineMessages({ ...TEXT_MESSAGES.templates, ...XML_MESSAGES.templates, ...OPENIOC_MESSAGES.templates });

export default defineModule({
  name: 'openiocimport',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.1',
    author: 'Raphaël Vinot',
    description: 'Module to import OpenIOC packages.',
    name: 'OpenIOC Import',
    logo: '',
    requirements: [],
    features:
      'The module imports MISP Attributes from OpenIOC packages, there is then no special feature for users to make ' +
      'it work.',
    references: ['https://www.fireeye.com/blog/threat-research/2013/10/openioc-basics.html'],
    input: 'OpenIOC packages',
    output: 'MISP Event attributes',
  },
  messages: MESSAGES,
  attributes: {
    userConfig: {
      'not save ioc': {
        type: 'Boolean',
        message: 'If you check this box, IOC file will not save as an attachment in MISP',
      },
      'default tag': {
        type: 'String',
        message: 'Add tags spaced by a comma (tlp:white,misp:threat-level="no-risk")',
        validation: '0',
      },
    },
    inputSource: ['file'],
  },
  async handle(query, ctx) {
    const attributes = openiocAttributes(importedText(query, 'OpenIOC XML file'));
    const defaultTag = ctx.config['default tag'];
    const tags = (defaultTag ?? '').split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
    const tagged = tags.length > 0 ? { tags } : {};
    const result = new LegacyResultBuilder();
    // As upstream: the file is attached only when the form says "not save ioc" = unticked ("0").
    if (ctx.config['not save ioc'] === '0') {
      const filename = typeof query['filename'] === 'string' && query['filename'] !== '' ? query['filename'] : 'openioc.xml';
      result.add({
        types: 'attachment',
        values: [filename],
        categories: 'Support Tool',
        data: String(query['data']).replace(/\s+/g, ''),
        ...tagged,
      });
    }
    for (const attribute of attributes) {
      result.add({
        types: attribute.type,
        values: [attribute.value],
        categories: attribute.category,
        comment: attribute.comment,
        ...tagged,
      });
    }
    return { ...result.toResults() };
  },
});
