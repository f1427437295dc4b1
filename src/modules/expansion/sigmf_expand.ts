/**
 * sigmf_expand: object enrichment for SigMF radio recordings. A
 * sigmf-recording becomes a sigmf-expanded-recording (metadata fields and a
 * waterfall plot); a sigmf-archive is unpacked into sigmf-recording objects.
 * Offline; the plot is computed on a worker thread.
 */
import { SIGMF_MESSAGES } from './_sigmf/messages.js';
import { defineModule } from '../../core/module.js';
import { expandArchive } from './_sigmf/archive.js';
import { requireObject } from './_sigmf/object-input.js';
import { expandRecording } from './_sigmf/recording.js';

export default defineModule({
  name: 'sigmf_expand',
  kind: 'expansion',
  moduleType: ['expansion'],
  meta: {
    version: '0.1',
    author: 'Luciano Righetti',
    description:
      'Expands a SigMF Recording object into a SigMF Expanded Recording object, extracts a SigMF archive into a SigMF Recording object.',
    name: 'SigMF Expansion',
    logo: '',
    requirements: [],
    features:
      'Object enrichment: a sigmf-recording (SigMF-meta and SigMF-data attachments) gives a sigmf-expanded-recording with the core metadata fields and a waterfall (spectrogram) PNG; a sigmf-archive (.sigmf tar) gives one sigmf-recording per recording it holds.',
    references: ['https://github.com/sigmf/SigMF'],
    input: 'A sigmf-recording or sigmf-archive object.',
    output: 'sigmf-expanded-recording or sigmf-recording objects referencing the input object.',
  },
  attributes: { input: ['sigmf-recording', 'sigmf-archive'], output: ['MISP objects'], format: 'misp_standard' },
  messages: SIGMF_MESSAGES,
  async handle(query, ctx) {
    const object = requireObject(query['object']);
    if (object.name === 'sigmf-archive') return expandArchive(object);
    if (object.name === 'sigmf-recording') return expandRecording(object, ctx);
    throw SIGMF_MESSAGES.error('noObject');
  },
});
