/**
 * Relationships and report contents become object references. MISP keeps
 * references only on objects, so a relationship whose source became plain
 * attributes cannot be held; when its target stands for a galaxy tag
 * (an ATT&CK technique, a threat actor) the tag goes on the source's
 * attributes instead, as misp-stix does with galaxies.
 */
import { str, strList } from '../../../_shared/json-record.js';
import type { Conversion, StixObject } from './context.js';
import { addTags } from './tags.js';

function link(c: Conversion, sourceId: string, targetId: string, type: string, comment?: string, galaxies = true): boolean {
  const source = c.lookup(sourceId);
  const target = c.lookup(targetId);
  if (!source || !target) return false;
  const galaxy = galaxies ? c.takeGalaxyTags(targetId) : [];
  if (galaxy.length > 0) addTags(source.attributes, galaxy);
  let linked = galaxy.length > 0;
  for (const objectUuid of source.objectUuids) {
    for (const targetUuid of target.targets) {
      if (targetUuid === objectUuid) continue;
      c.builder.addReference(objectUuid, targetUuid, type, comment);
      linked = true;
    }
  }
  return linked;
}

export function convertRelationship(c: Conversion, relationship: StixObject): void {
  const source = str(relationship['source_ref']);
  const target = str(relationship['target_ref']);
  const type = str(relationship['relationship_type']) ?? 'related-to';
  if (!source || !target || !link(c, source, target, type, str(relationship['description']))) {
    c.skip('relationship MISP cannot hold');
  }
}

/**
 * A report's `object_refs` → references from its report object. Galaxy tags
 * of what it includes stay for the event (the report describes the event).
 */
export function convertReportContents(c: Conversion, report: StixObject): void {
  for (const ref of strList(report['object_refs'])) {
    if (ref !== report.id) link(c, report.id, ref, 'includes', undefined, false);
  }
}
