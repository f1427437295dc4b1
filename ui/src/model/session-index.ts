/** What each uuid of a session stands for, to name the targets of references. */
import { allNodes, type Session } from './session.js';

export function uuidLabels(session: Session): Map<string, string> {
  const labels = new Map<string, string>();
  for (const node of allNodes(session)) {
    labels.set(node.input.uuid, `${node.input.type} ${node.input.file?.name ?? node.input.value}`);
    for (const run of node.runs) {
      for (const a of run.result?.attributes ?? []) if (!labels.has(a.uuid)) labels.set(a.uuid, `${a.type} ${a.value}`);
      for (const o of run.result?.objects ?? []) {
        const first = o.attributes[0];
        labels.set(o.uuid, `${o.name} object${first ? ` (${first.relation} ${first.value})` : ''}`);
        for (const a of o.attributes) if (!labels.has(a.uuid)) labels.set(a.uuid, `${a.relation} ${a.value}`);
      }
    }
  }
  return labels;
}
