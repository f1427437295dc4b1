/** pdf_enrich: the text of a PDF's text layer, for MISP's freetext import (see _documents/). */
import { documentModule } from './_documents/module.js';

export default documentModule({
  name: 'pdf_enrich',
  format: 'pdf',
  commentPrefix: 'PDF-to-text',
  alsoText: false,
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'Module to extract freetext from a PDF document.',
    name: 'PDF Enrich',
    logo: 'pdf.jpg',
    requirements: ['None: the server reads PDF text layers itself (pdf.js).'],
    features:
      'The module reads the text contained in a PDF document. The result is passed to the freetext import parser so IoCs can be extracted out of it.',
    references: [],
    input: 'Attachment attribute containing a PDF document.',
    output: 'Text and freetext parsed from the document.',
  },
});
