/** sigmf_expand's messages: upstream's sentences, and ours where upstream crashed. */
import { defineMessages } from '../../../base/messages.js';

const INVALID = 'Provided .sigmf-meta and .sigmf-data is not a valid SigMF file';

export const SIGMF_MESSAGES = defineMessages({
  noObject: 'No SigMF object provided',
  notAnObject: 'No object provided',
  noAttributes: 'Empty Attribute list',
  noUuid: 'The object has no uuid to reference.',
  noContent: 'The {relation} attribute carries no file content ("data").',
  notBase64: 'The {relation} attribute\'s "data" is not valid base64.',
  noArchive: 'No SigMF-archive attribute found',
  badArchive: 'An error occured when processing the SigMF archive: {reason}',
  noMetaInArchive: 'No SigMF metadata file found',
  noMeta: 'No SigMF-meta attribute',
  noData: 'No SigMF-data attribute',
  metaNotJson: 'Provided .sigmf-meta is not a valid JSON string',
  noGlobal: `${INVALID}: the metadata has no "global" object.`,
  noDatatype: `${INVALID}: "global" has no core:datatype.`,
  noVersion: `${INVALID}: "global" has no core:version.`,
  badChecksum: `${INVALID}: the data does not match the metadata's core:sha512.`,
  noPlots: 'Could not generate plots: {reason}',
});
