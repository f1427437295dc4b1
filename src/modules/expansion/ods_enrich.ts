/** ods_enrich: the text of an OpenDocument .ods spreadsheet (each sheet as a pandas-style table), for MISP's freetext import (see _documents/). */
import { documentModule } from './_documents/module.js';

export default documentModule({
  name: 'ods_enrich',
  format: 'ods',
  commentPrefix: '.ods-to-text',
  alsoText: true,
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'Module to extract freetext from a .ods document.',
    name: 'ODS Enrich',
    logo: 'ods.png',
    requirements: ['None: the server reads .ods files itself.'],
    features:
      'The module reads the text contained in a .ods document. The result is passed to the freetext import parser so IoCs can be extracted out of it.',
    references: [],
    input: 'Attachment attribute containing a .ods document.',
    output: 'Text and freetext parsed from the document.',
  },
});
