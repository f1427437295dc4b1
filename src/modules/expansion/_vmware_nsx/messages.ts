/** The user-facing messages of vmware_nsx (upstream's texts where upstream has one). */
import { defineMessages } from '../../../base/messages.js';

export const MESSAGES = defineMessages({
  missingKey: "Error connecting to VMware NSX ATA: '{setting}'",
  parsingInput: 'Error parsing input: {detail}',
  decodingInput: 'Error decoding input: {detail}',
  processingInput: 'Error processing input: {detail}',
  apiCall: 'Error issuing API call: {detail}',
});
