import type { ObjectTemplate } from '../types.js';

/** MISP object template `report` (misp-objects, version 8). */
export default {
  name: 'report',
  uuid: '70a68471-df22-4e3f-aa1a-5a3be19f82df',
  version: 8,
  metaCategory: 'misc',
  description: 'Report object to describe a report along with its metadata.',
  requiredOneOf: ['title', 'summary', 'link'],
  attributes: {
    'case-number': { types: ['text'], categories: ['Internal reference', 'Other'] },
    link: { types: ['link'], multiple: true },
    'report-file': { types: ['attachment'], multiple: true },
    summary: { types: ['text'], multiple: true, categories: ['Other', 'Internal reference'] },
    title: { types: ['text'], multiple: true },
    type: {
      types: ['text'], disableCorrelation: true,
      saneDefault: [
        'Alert', 'Artwork', 'Attachment', 'Audio', 'Bill', 'Blog', 'Book', 'Case', 'Conference',
        'Dictionary', 'Document', 'Email', 'Encyclopedia', 'Film', 'Forum', 'Hearing', 'Incident',
        'Instant', 'Interview', 'Journal', 'Letter', 'Magazine', 'Manuscript', 'Map', 'Newspaper',
        'Note', 'Online', 'Operation', 'Patent', 'Podcast', 'Presentation', 'Press', 'Radio',
        'Report', 'Software', 'Statute', 'Thesis', 'TV', 'Video', 'Webpage',
      ],
    },
  },
} as const satisfies ObjectTemplate;
