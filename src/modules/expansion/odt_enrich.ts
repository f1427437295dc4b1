/** odt_enrich: the text of an OpenDocument .odt text, for MISP's freetext import (see _documents/). */
import { documentModule } from './_documents/module.js';

export default documentModule({
  name: 'odt_enrich',
  format: 'odt',
  commentPrefix: '.odt-to-text',
  alsoText: true,
  meta: {
    version: '0.1',
    author: 'Sascha Rommelfangen',
    description: 'Module to extract freetext from a .odt document.',
    name: 'ODT Enrich',
    logo: 'odt.png',
    requirements: ['None: the server reads .odt files itself.'],
    features:
      'The module reads the text contained in a .odt document. The result is passed to the freetext import parser so IoCs can be extracted out of it.',
    references: [],
    input: 'Attachment attribute containing a .odt document.',
    output: 'Text and freetext parsed from the document.',
  },
});
