/**
 * STIX 2.0 / 2.1 objects → a misp_standard result. The entry point of the
 * converter shared by taxii21 (and usable on any bundle).
 *
 * Order matters: what relationships and reports point at is converted first.
 */
import type { MispStandardResponse } from '../../../../misp/types.js';
import { isRecord, str } from '../../../_shared/json-record.js';
import { Conversion, type StixObject } from './context.js';
import { convertIndicator } from './indicator.js';
import { convertObservedData, convertStandaloneScos, SCO_TYPES } from './observables.js';
import { convertRelationship, convertReportContents } from './relationships.js';
import { convertSdo, isConvertedSdo } from './sdo.js';
import { markingTags } from './tags.js';

export interface ConversionResult {
  readonly response: MispStandardResponse;
  /** STIX types (or reasons) that produced nothing, with counts. */
  readonly skipped: ReadonlyMap<string, number>;
}

/** Types that never become MISP data on their own. */
const SILENT = new Set(['marking-definition', 'identity', 'extension-definition', 'language-content']);

/** Keeps the newest version of each object (TAXII may return several with `match[version]=all`). */
function newestVersions(objects: readonly unknown[]): Map<string, StixObject> {
  const byId = new Map<string, StixObject>();
  for (const object of objects) {
    if (!isRecord(object)) continue;
    const id = str(object['id']);
    const type = str(object['type']);
    if (!id || !type) continue;
    const known = byId.get(id);
    const modified = Date.parse(str(object['modified']) ?? '') || 0;
    const knownModified = known ? Date.parse(str(known['modified']) ?? '') || 0 : -1;
    if (modified >= knownModified) byId.set(id, { ...object, id, type });
  }
  return byId;
}

export function convertStixObjects(objects: readonly unknown[]): ConversionResult {
  const index = newestVersions(objects);
  const all = [...index.values()];
  const c = new Conversion(index, markingTags(all));
  const ofType = (...types: string[]) => all.filter((o) => types.includes(o.type));

  for (const object of all) if (isConvertedSdo(object.type) && object.type !== 'report') convertSdo(c, object);
  for (const indicator of ofType('indicator')) convertIndicator(c, indicator);
  for (const observed of ofType('observed-data')) convertObservedData(c, observed);
  convertStandaloneScos(c);
  const reports = ofType('report');
  for (const report of reports) convertSdo(c, report);
  for (const relationship of ofType('relationship')) convertRelationship(c, relationship);
  for (const report of reports) convertReportContents(c, report);
  for (const tag of c.unusedGalaxyTags()) c.builder.addTag(tag);

  for (const object of all) {
    const handled = isConvertedSdo(object.type) || SCO_TYPES.has(object.type) || SILENT.has(object.type);
    if (!handled && !['indicator', 'observed-data', 'relationship'].includes(object.type)) c.skip(object.type);
  }
  return { response: c.builder.toResults(), skipped: c.skipped };
}
