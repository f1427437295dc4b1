/**
 * csvimport: attributes (and objects) from a CSV file. The header, from the
 * form or the file's first row, names each column: an attribute type, or an
 * attribute field (value, type, category, comment, to_ids, attribute_tag, …).
 * MISP's own CSV export is recognised, objects included. Big files are
 * streamed so the server keeps answering other queries meanwhile.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule, type ModuleConfig } from '../../core/module.js';
import { splitHeader } from './_csv/header.js';
import { importCsv } from './_csv/import.js';
import { CSV_MESSAGES } from './_csv/messages.js';
import { importedText, TEXT_MESSAGES } from './_csv/text.js';

const MESSAGES = defineMessages({ ...TEXT_MESSAGES.templates, ...CSV_MESSAGES.templates });

/**
 * The delimiter from the form. MISP sends " " for an empty field (comma);
 * the form suggests typing "\t" for tabs, which arrives as two characters.
 */
function delimiterOf(config: ModuleConfig): string {
  const raw = config['special_delimiter'] ?? '';
  if (raw === '\t' || ['\\t', 'tab', '\t'].includes(raw.trim().toLowerCase())) return '\t';
  return raw.trim() === '' ? ',' : raw.trim();
}

export default defineModule({
  name: 'csvimport',
  kind: 'import',
  moduleType: ['import'],
  meta: {
    version: '0.2',
    author: 'Christian Studer',
    description: 'Module to import MISP attributes from a csv file.',
    name: 'CSV Import',
    requirements: [],
    features:
      'In order to parse data from a csv file, a header is required to let the module know which column is matching ' +
      'with known attribute fields / MISP types.\n\nThis header either comes from the csv file itself or is part of ' +
      'the configuration of the module and should be filled out in MISP plugin settings, each field separated by ' +
      "COMMAS. Fields that do not match with any type known in MISP or are not MISP attribute fields should be ignored " +
      "in import, using a space or simply nothing between two separators (example: 'ip-src, , comment, ').\n\nIf the " +
      "csv file already contains a header that does not start by a '#', you should tick the checkbox 'has_header' to " +
      'avoid importing it and have potential issues. You can also redefine the header even if it is already contained ' +
      'in the file, by following the rules for headers explained earlier. MISP CSV exports (with or without context ' +
      'columns) are recognised, objects included.',
    references: ['https://tools.ietf.org/html/rfc4180', 'https://tools.ietf.org/html/rfc7111'],
    input: 'CSV format file.',
    output: 'MISP Event attributes',
    logo: '',
  },
  attributes: {
    userConfig: {
      header: {
        type: 'String',
        message:
          'Define the header of the csv file, with types (included in MISP attribute types or attribute fields) ' +
          'separated by commas.\nFor fields that do not match these types or that you want to skip, please use space ' +
          'or simply nothing between commas.\nFor instance: ip-src,domain, ,timestamp',
      },
      has_header: {
        type: 'Boolean',
        message:
          'Tick this box ONLY if there is a header line, NOT COMMENTED, and all the fields of this header are ' +
          'respecting the recommendations above.',
      },
      special_delimiter: {
        type: 'String',
        message:
          'IF THE DELIMITERS ARE NOT COMMAS, please specify which ones are used (for instance: ";", "|", "/", "\t" ' +
          'for tabs, etc).',
      },
    },
    inputSource: ['file'],
    format: 'misp_standard',
  },
  messages: MESSAGES,
  async handle(query, ctx) {
    const text = importedText(query, 'CSV file');
    const header = ctx.config['header'] ?? '';
    const hasHeader = ['1', 'true'].includes((ctx.config['has_header'] ?? '').trim().toLowerCase());
    return {
      ...(await importCsv(text, {
        ...(header.trim() !== '' && { header: splitHeader(header) }),
        hasHeader,
        delimiter: delimiterOf(ctx.config),
        signal: ctx.signal,
      })),
    };
  },
});
