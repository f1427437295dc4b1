/** csvimport's messages: upstream's for the header and objects, ours for what upstream crashed on. */
import { defineMessages } from '../../../base/messages.js';

export const CSV_MESSAGES = defineMessages({
  noHeader: "Configuration error. Provide a header or use the one within the csv file and tick the checkbox 'Has_header'.",
  noObjectId:
    'Line {line}: It is not possible to import MISP objects from your csv file if you do not specify any object identifier ' +
    '(object_uuid or object_id) and object name to separate each object from each other.',
  noRelation: 'Line {line}: In order to import MISP objects, an object relation for each attribute contained in an object is required.',
  emptyHeader: 'The CSV header is empty: give the columns in the "header" setting or tick "has_header".',
  wrongHeaderField:
    'Wrong header field: {name}. Please use a header value that can be recognized by MISP (an attribute type or ' +
    'an attribute field such as value, type, category, comment, to_ids, attribute_tag), or skip the column with a space.',
  noTypeValue:
    'Please make sure the data you try to import can be identified with a type/value combination: the header ' +
    'needs both a "type" and a "value" column, or attribute types as columns (header: {header}).',
  typeValueAndTypes:
    'Error with the header {header}: it contains {wrong}, which the attribute type columns already ' +
    'provide. Use either attribute types as columns, or "type" and "value" columns.',
  shortRow:
    'Line {line} has {cells} field(s), but the header has {columns} ({header}). ' +
    'Check the delimiter (the "special_delimiter" setting) and the header.',
  noType: 'Line {line} has a value but no attribute type.',
  unknownType: 'Line {line}: "{type}" is not a MISP attribute type.',
  noRows: 'The file has no CSV rows (only blank or commented lines).',
  noDataRows: 'The file has no data rows (only a header, blank or commented lines).',
  nothingMapped: 'No attribute to import: none of the {rows} data row(s) has a value in a column the header maps.',
  notCsv: 'The file is not a valid CSV file: {reason}',
});
