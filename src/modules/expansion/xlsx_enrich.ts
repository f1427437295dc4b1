/** xlsx_enrich: the text of the first sheet of an Excel .xlsx workbook (as a pandas-style table), for MISP's freetext import (see _documents/). */
import { documentModule } from './_documents/module.js';

export default documentModule({
  name: 'xlsx_enrich',
  format: 'xlsx',
  commentPrefix: '.xlsx-to-text',
  alsoText: true,
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'Module to extract freetext from a .xlsx document.',
    name: 'XLXS Enrich',
    logo: 'xlsx.png',
    requirements: ['None: the server reads .xlsx files itself.'],
    features:
      'The module reads the text contained in a .xlsx document. The result is passed to the freetext import parser so IoCs can be extracted out of it.',
    references: [],
    input: 'Attachment attribute containing a .xlsx document.',
    output: 'Text and freetext parsed from the document.',
  },
});
