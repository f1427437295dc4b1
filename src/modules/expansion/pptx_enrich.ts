/** pptx_enrich: the text of a PowerPoint .pptx presentation, for MISP's freetext import (see _documents/). */
import { documentModule } from './_documents/module.js';

export default documentModule({
  name: 'pptx_enrich',
  format: 'pptx',
  commentPrefix: '.pptx-to-text',
  alsoText: true,
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'Module to extract freetext from a .pptx document.',
    name: 'PPTX Enrich',
    logo: 'pptx.png',
    requirements: ['None: the server reads .pptx files itself.'],
    features:
      'The module reads the text contained in a .pptx document. The result is passed to the freetext import parser so IoCs can be extracted out of it.',
    references: [],
    input: 'Attachment attribute containing a .pptx document.',
    output: 'Text and freetext parsed from the document.',
  },
});
