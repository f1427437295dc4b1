/** docx_enrich: the text of a Word .docx document, for MISP's freetext import (see _documents/). */
import { documentModule } from './_documents/module.js';

export default documentModule({
  name: 'docx_enrich',
  format: 'docx',
  commentPrefix: '.docx-to-text',
  alsoText: true,
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'Module to extract freetext from a .docx document.',
    name: 'DOCX Enrich',
    logo: 'docx.png',
    requirements: ['None: the server reads .docx files itself.'],
    features:
      'The module reads the text contained in a .docx document. The result is passed to the freetext import parser so IoCs can be extracted out of it.',
    references: [],
    input: 'Attachment attribute containing a .docx document.',
    output: 'Text and freetext parsed from the document.',
  },
});
