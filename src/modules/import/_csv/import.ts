/**
 * Turns CSV text into misp_standard results: attributes, and objects for
 * rows that carry object columns (MISP's own CSV export).
 */
import { budgetExceeded } from '../../_shared/budget.js';
import { CSV_MESSAGES } from './messages.js';
import { isAttributeType, type AttributeType } from '../../../misp/attribute-types.js';
import type { MispStandardResponse, ResultAttribute } from '../../../misp/types.js';
import { csvAttribute } from './attribute.js';
import { categoryFor, readFields, type FieldCells } from './fields.js';
import { planHeader, type HeaderPlan, type ObjectField } from './header.js';
import { CsvObjects } from './objects.js';
import { csvRows, type CsvRow } from './rows.js';

export interface CsvImportOptions {
  /** The `header` setting, split; undefined when the user gave none. */
  header?: readonly string[];
  /** The first row is a header (used when `header` is undefined, skipped otherwise). */
  hasHeader: boolean;
  delimiter: string;
  signal?: AbortSignal;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Sinks {
  attributes: ResultAttribute[];
  objects: CsvObjects;
}

interface SplitRow {
  fields: FieldCells;
  objects: Partial<Record<ObjectField, string>>;
  /** [type, value] of each attribute-type column. */
  typed: Array<[AttributeType, string]>;
}

function splitRow(plan: HeaderPlan, row: CsvRow): SplitRow {
  if (row.cells.length < plan.minCells) {
    throw CSV_MESSAGES.error('shortRow', { line: row.line, cells: row.cells.length, columns: plan.names.length, header: plan.names.join(',') });
  }
  const split: SplitRow = { fields: {}, objects: {}, typed: [] };
  plan.columns.forEach((column, i) => {
    let cell = row.cells[i] ?? '';
    if (cell === '' || column.kind === 'skip') return;
    if (column.kind === 'type') split.typed.push([column.type, cell]);
    else if (column.kind === 'object') split.objects[column.field] = cell;
    else {
      // Upstream unquotes the fields of MISP's export once more.
      if (plan.mispExport) cell = cell.replace(/^"+|"+$/g, '');
      if (cell !== '') split.fields[column.field] = cell;
    }
  });
  return split;
}

/** A row of MISP fields: one attribute, in an object when the row says so. */
function addMispRow(row: CsvRow, split: SplitRow, sinks: Sinks): void {
  const { type, value } = split.fields;
  if (!value) return; // MISP refuses attributes without a value
  if (!type) throw CSV_MESSAGES.error('noType', { line: row.line });
  if (!isAttributeType(type)) throw CSV_MESSAGES.error('unknownType', { line: row.line, type });
  const fields = { ...readFields(split.fields), category: categoryFor(type, split.fields.category) };
  const { object_relation: relation, object_name: name, object_meta_category: metaCategory } = split.objects;
  const key = split.objects.object_uuid ?? split.objects.object_id;
  if (relation === undefined && key === undefined) {
    sinks.attributes.push(csvAttribute(type, value, fields));
    return;
  }
  if (key === undefined || name === undefined) throw CSV_MESSAGES.error('noObjectId', { line: row.line });
  if (relation === undefined) throw CSV_MESSAGES.error('noRelation', { line: row.line });
  const uuid = split.objects.object_uuid;
  sinks.objects.add({
    key: `${name}\u0000${key}`,
    name,
    ...(uuid && UUID.test(uuid) && { uuid: uuid.toLowerCase() }),
    ...(metaCategory !== undefined && { metaCategory }),
    relation,
    type,
    value,
    fields,
  });
}

/** A row with attribute-type columns: one attribute per non-empty type cell. */
function addTypedRow(split: SplitRow, sinks: Sinks): void {
  const { uuid, ...shared } = readFields(split.fields);
  split.typed.forEach(([type, value], i) => {
    // A uuid can only name one attribute: the first of the row.
    const fields = { ...shared, ...(i === 0 && { uuid }), category: categoryFor(type, split.fields.category) };
    sinks.attributes.push(csvAttribute(type, value, fields));
  });
}

/**
 * Attributes one CSV import may build (in objects or not): a 48 MB file of
 * short lines would otherwise make millions, and an answer of gigabytes.
 */
export const MAX_CSV_ATTRIBUTES = 250_000;

export async function importCsv(text: string, options: CsvImportOptions): Promise<MispStandardResponse> {
  if (!options.header && !options.hasHeader) throw CSV_MESSAGES.error('noHeader');
  const sinks: Sinks = { attributes: [], objects: new CsvObjects() };
  let plan = options.header ? planHeader(options.header) : undefined;
  let headerRow = options.hasHeader;
  let rows = 0;
  for await (const row of csvRows(text, options.delimiter, options.signal)) {
    if (headerRow || !plan) {
      // The file's own header: taken as the header, or skipped when the user gave one.
      headerRow = false;
      plan ??= planHeader(row.cells);
      continue;
    }
    rows += 1;
    const split = splitRow(plan, row);
    if (plan.fromMisp) addMispRow(row, split, sinks);
    else addTypedRow(split, sinks);
    if (sinks.attributes.length + sinks.objects.attributeCount > MAX_CSV_ATTRIBUTES) {
      throw budgetExceeded('The CSV file', MAX_CSV_ATTRIBUTES, 'attributes', 'one import');
    }
  }
  if (!plan) throw CSV_MESSAGES.error('noRows');
  const results: MispStandardResponse['results'] = {};
  if (sinks.attributes.length > 0) results.Attribute = sinks.attributes;
  if (sinks.objects.size > 0) results.Object = sinks.objects.list();
  if (!results.Attribute && !results.Object) {
    throw rows === 0 ? CSV_MESSAGES.error('noDataRows') : CSV_MESSAGES.error('nothingMapped', { rows });
  }
  return { results };
}
