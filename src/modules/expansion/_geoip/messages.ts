/** The messages of the three geoip modules (the flow and the database they share). */
import { defineMessages } from '../../../base/messages.js';

export const GEOIP_MESSAGES = defineMessages({
  noInput: 'This module needs one of {inputs} in the request.',
  noDatabase: "Please specify the path of your local copy of {database}: set {setting} in MISP's server settings.",
  notAnIp: "GeoIP resolving error: '{ip}' does not appear to be an IPv4 or IPv6 address",
  ipv6InIpv4Database: 'GeoIP resolving error: {ip} is an IPv6 address and the database only holds IPv4 networks.',
  notInDatabase: 'GeoIP resolving error: The address {ip} is not in the database.',
  fileMissing: 'Unable to locate the GeoLite database you specified ({path}): check {setting}.',
  fileIsDirectory: 'The GeoLite database path {path} is a directory, not an .mmdb file: check {setting}.',
  fileNotReadable: "The GeoLite database {path} cannot be read (permission denied): check {setting} and the file's permissions.",
  fileReadError: 'The GeoLite database {path} cannot be read ({code}): check {setting}.',
  gzipped: 'The file {path} ({setting}) is gzip-compressed: decompress it to the .mmdb file.',
  notMmdb: 'The file {path} ({setting}) is not a MaxMind DB (.mmdb) file: {reason}.',
  wrongDatabaseType: 'The database {path} ({setting}) is a {databaseType} database; {module} needs a database of type {accepts}.',
});
