/**
 * Turns CSV text into misp_standard results: attributes, and objects for
 * rows that carry object columns (MISP's own CSV export).
 */
import { budgetExceeded } from '../../_shared/budget.js';
import { ModuleError } from '../../../base/errors.js';
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

export const MESSAGES = {
  noHeader:
    "Configuration error. Provide a header or use the one within the csv file and tick the checkbox 'Has_header'.",
  noObjectId:
    'It is not possible to import MISP objects from your csv file if you do not specify any object identifier ' +
    '(object_uuid or object_id) and object name to separate each object from each other.',
  noRelation: 'In order to import MISP objects, an object relation for each attribute contained in an object is required.',
} as const;

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
    throw new ModuleError(
      `Line ${row.line} has ${row.cells.length} field(s), but the header has ${plan.names.length} ` +
        `(${plan.names.join(',')}). Check the delimiter (the "special_delimiter" setting) and the header.`,
    );
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
  if (!type) throw new ModuleError(`Line ${row.line} has a value but no attribute type.`);
  if (!isAttributeType(type)) throw new ModuleError(`Line ${row.line}: "${type}" is not a MISP attribute type.`);
  const fields = { ...readFields(split.fields), category: categoryFor(type, split.fields.category) };
  const { object_relation: relation, object_name: name, object_meta_category: metaCategory } = split.objects;
  const key = split.objects.object_uuid ?? split.objects.object_id;
  if (relation === undefined && key === undefined) {
    sinks.attributes.push(csvAttribute(type, value, fields));
    return;
  }
  if (key === undefined || name === undefined) throw new ModuleError(`Line ${row.line}: ${MESSAGES.noObjectId}`);
  if (relation === undefined) throw new ModuleError(`Line ${row.line}: ${MESSAGES.noRelation}`);
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
  if (!options.header && !options.hasHeader) throw new ModuleError(MESSAGES.noHeader);
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
  if (!plan) throw new ModuleError('The file has no CSV rows (only blank or commented lines).');
  const results: MispStandardResponse['results'] = {};
  if (sinks.attributes.length > 0) results.Attribute = sinks.attributes;
  if (sinks.objects.size > 0) results.Object = sinks.objects.list();
  if (!results.Attribute && !results.Object) {
    throw new ModuleError(
      rows === 0
        ? 'The file has no data rows (only a header, blank or commented lines).'
        : `No attribute to import: none of the ${rows} data row(s) has a value in a column the header maps.`,
    );
  }
  return { results };
}
