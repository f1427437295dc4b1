import type { ObjectTemplate } from '../types.js';

/** MISP object template `image` (misp-objects, version 1). */
export default {
  name: 'image',
  uuid: 'ca78ec03-3321-4ed3-9840-9bfd52b91d82',
  version: 1,
  metaCategory: 'file',
  description: 'Object describing an image file.',
  requiredOneOf: ['attachment', 'archive', 'link'],
  attributes: {
    archive: { types: ['link'], multiple: true },
    attachment: { types: ['attachment'] },
    filename: { types: ['filename'] },
    'image-text': { types: ['text'] },
    link: { types: ['link'] },
    url: { types: ['url'] },
    username: { types: ['text'] },
  },
} as const satisfies ObjectTemplate;
