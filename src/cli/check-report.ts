/** The table `misp-modules --check` prints: every module, then every problem. */
import type { ModuleRegistry } from '../core/registry.js';

export function formatCheckReport(registry: ModuleRegistry): string {
  const rows = registry.all().map((m) => [m.name, m.kind, m.moduleType.join(','), m.meta.version]);
  const header = ['module', 'family', 'module-type', 'version'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', `${registry.size} modules loaded.`];
  if (registry.replaced.length > 0) out.push(`Custom modules replacing built-ins: ${registry.replaced.join(', ')}.`);
  if (registry.problems.length > 0) {
    out.push('', `${registry.problems.length} problem(s):`);
    for (const p of registry.problems) out.push(`  ${p.source}: ${p.reason}`);
  } else {
    out.push('No problems.');
  }
  return out.join('\n') + '\n';
}
