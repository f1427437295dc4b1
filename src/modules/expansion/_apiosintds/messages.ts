/** Every user-facing message of apiosintds, by id. */
import { defineMessages } from '../../../base/messages.js';

export const MESSAGES = defineMessages({
  invalidInput:
    "'{value}' is not an IPv4 address, a domain, a URL or an MD5/SHA1/SHA256 hash: the OSINT.digitalside.it lists hold nothing else.",
  // Upstream's own words for a local_directory it cannot read.
  localDirectory: "Unable to read local 'Threat-Intel' directory ({directory}). Please, check your configuration and retry.",
  localFile: "Unable to read {path} in the local 'Threat-Intel' directory ({reason}). Please, check your configuration and retry.",
  localTooLarge: '{path} is larger than {limit} bytes, the largest list this module reads.',
  listUnavailable: 'Could not download the DigitalSide Threat-Intel list {file}: {reasons}.',
  listEmpty: 'The DigitalSide Threat-Intel list {file} seems to be empty.',
  listNoDate: 'The DigitalSide Threat-Intel list {file} has no "Generated at" date in its header: it is not a list this module can read.',
  hashesNotJson: 'The DigitalSide Threat-Intel list {file} is not valid JSON ({reason}).',
  hashesMalformed:
    'The DigitalSide Threat-Intel list {file} has no "generatedAt" date or no "lookup" table: it is not a list this module can read.',
  badTimeout: "Plugin.Enrichment_apiosintds_cache_timeout_h must be a whole number of hours from 0 to {max}, not '{value}'.",
});
