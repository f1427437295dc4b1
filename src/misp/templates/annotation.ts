import type { ObjectTemplate } from '../types.js';

/** MISP object template `annotation` (misp-objects, version 3). */
export default {
  name: 'annotation',
  uuid: '5d8dc046-15a1-4ca3-a09f-ed4ede7c4487',
  version: 3,
  metaCategory: 'misc',
  description:
    'An annotation object allowing analysts to add annotations, comments, executive ' +
    'summary to a MISP event, objects or attributes.',
  requiredOneOf: ['text'],
  attributes: {
    attachment: { types: ['attachment'], multiple: true },
    'creation-date': { types: ['datetime'] },
    format: {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'text', 'markdown', 'asciidoctor', 'MultiMarkdown', 'GFM', 'pandoc', 'Fountain',
        'CommonWork', 'kramdown-rfc2629', 'rfc7328', 'Extra',
      ],
    },
    'modification-date': { types: ['datetime'] },
    ref: { types: ['link'], multiple: true },
    text: { types: ['text'] },
    type: {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'Annotation', 'Executive Summary', 'Introduction', 'Conclusion', 'Disclaimer', 'Keywords',
        'Acknowledgement', 'Other', 'Copyright', 'Authors', 'Logo', 'Full Report',
      ],
    },
  },
} as const satisfies ObjectTemplate;
