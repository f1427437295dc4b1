/**
 * /metrics for a set of worker processes (`--workers N`): each worker's own
 * Prometheus text gets a `worker="<slot>"` label on every sample, and the
 * texts are merged family by family, as the text format requires (all the
 * lines of one metric together, under one HELP and TYPE). Sums across the
 * set are the scraper's (`sum without (worker) (...)`): counters of a
 * replaced worker start again from zero, which Prometheus reads as a reset
 * of that series, as for a restarted single process.
 */

/** One process's metrics and the labels that tell its samples apart. */
export interface MetricsPart {
  labels: Record<string, string>;
  text: string;
}

interface Family {
  help?: string;
  type?: string;
  samples: string[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `name{a="1"} 3` with `worker="2"` becomes `name{worker="2",a="1"} 3`. */
export function withLabels(line: string, labels: string): string {
  if (labels === '') return line;
  const name = METRIC_NAME.exec(line)?.[0];
  if (!name) return line;
  const rest = line.slice(name.length);
  if (rest.startsWith('{}')) return `${name}{${labels}}${rest.slice(2)}`;
  if (rest.startsWith('{')) return `${name}{${labels},${rest.slice(1)}`;
  return `${name}{${labels}}${rest}`;
}

/** Whether `sample` (a sample's metric name) belongs to the family `family` (histogram and summary suffixes). */
function belongsTo(sample: string, family: string): boolean {
  return sample === family || (sample.startsWith(family) && /^_(bucket|sum|count|total|created)$/.test(sample.slice(family.length)));
}

export function mergeMetrics(parts: readonly MetricsPart[]): string {
  const families = new Map<string, Family>();
  const family = (name: string) => {
    let found = families.get(name);
    if (!found) {
      found = { samples: [] };
      families.set(name, found);
    }
    return found;
  };
  for (const part of parts) {
    const labels = Object.entries(part.labels)
      .map(([key, value]) => `${key}="${escapeLabel(value)}"`)
      .join(',');
    let current: string | undefined;
    for (const line of part.text.split('\n')) {
      if (line.trim() === '') continue;
      const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
      if (meta) {
        current = meta[2]!;
        const f = family(current);
        if (meta[1] === 'HELP') f.help ??= meta[3]!;
        else f.type ??= meta[3]!;
        continue;
      }
      if (line.startsWith('#')) continue;
      const name = METRIC_NAME.exec(line)?.[0];
      if (!name) continue;
      family(current !== undefined && belongsTo(name, current) ? current : name).samples.push(withLabels(line, labels));
    }
  }
  const out: string[] = [];
  for (const [name, f] of families) {
    if (f.help !== undefined) out.push(`# HELP ${name} ${f.help}`);
    if (f.type !== undefined) out.push(`# TYPE ${name} ${f.type}`);
    out.push(...f.samples);
  }
  return out.join('\n') + '\n';
}
