/**
 * Upstream's `_build_unified_summary`: the report object's summary text,
 * line by line ("CLASSIFICATION"-style label, value), as upstream writes it.
 */
type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)}MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)}KB`;
  return `${bytes}B`;
}

/** Python's `str()` of a JSON scalar. */
function py(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function unifiedSummary(data: Json, iocType: string, iocValue: string): string {
  const parts: string[] = [];
  const add = (label: string, value: unknown, condition: boolean | ((v: unknown) => boolean) = true, format: (v: unknown) => string = py): void => {
    const ok = typeof condition === 'function' ? condition(value) : condition;
    if (ok && value !== undefined && value !== null && value !== '' && !parts.some((p) => p.includes(label))) parts.push(`${label}: ${format(value)}`);
  };
  const notNone = (v: unknown) => v !== undefined && v !== null;
  const outOfTen = (v: unknown) => `${py(v)}/10`;

  if (iocValue) parts.push(`${iocType.toUpperCase()}: ${iocValue}`);
  const sample = obj(data['sample_summary']);
  const hasSample = Object.keys(sample).length > 0;
  if (hasSample) {
    add('Classification', sample['classification']);
    add('Risk Score', sample['riskscore'], notNone, outOfTen);
    add('Threat Level', sample['threat_level']);
    add('Trust Factor', sample['trust_factor']);
    add('File Type', sample['file_type']);
    add('File Size', sample['file_size'], typeof sample['file_size'] === 'number', (v) => formatSize(v as number));
    add('Extracted Files', sample['extracted_file_count'], (v) => typeof v === 'number' && v > 0);
    add('Source', sample['classification_source']);
    add('Reason', sample['classification_reason']);
  }
  const av = obj(data['av_scanners_summary']);
  if (typeof av['scanner_count'] === 'number' && av['scanner_count'] > 0) {
    const percent = typeof av['scanner_percent'] === 'number' ? av['scanner_percent'] : 0;
    add('AV Detections', `${py(av['scanner_match'] ?? 0)}/${av['scanner_count']} (${percent.toFixed(1)}%)`);
  }
  const stats = obj(data['downloaded_files_statistics']);
  if (Object.keys(stats).length > 0) {
    add('Total Downloads', stats['total']);
    add('Malicious Downloads', stats['malicious']);
    add('Suspicious Downloads', stats['suspicious']);
    add('Unknown Downloads', stats['unknown']);
    add('First Download', stats['first_download']);
    add('Last Download', stats['last_download']);
  }
  const reputation = obj(obj(data['third_party_reputations'])['statistics']);
  const total = typeof reputation['total'] === 'number' ? reputation['total'] : 0;
  const malicious = typeof reputation['malicious'] === 'number' ? reputation['malicious'] : 0;
  if (total) add('Reputation', malicious ? `${malicious}/${total} vendors flagged malicious` : `Clean (${total} vendors checked)`);
  const threats = (Array.isArray(data['top_threats']) ? data['top_threats'] : [])
    .slice(0, 5)
    .map((t) => obj(t)['threat_name'])
    .filter((name) => typeof name === 'string' && name !== '');
  if (threats.length > 0) add('Top Threats', threats.join(', '));
  if (!hasSample) {
    add('Classification', data['classification']);
    add('Risk Score', data['riskscore'], notNone, outOfTen);
    add('Threat Level', data['threat_level']);
  }
  for (const [field, label] of [['first_seen', 'First Seen'], ['last_seen', 'Last Seen']] as const) {
    const value = data[field];
    if (value) add(label, py(value).length > 10 ? py(value).slice(0, 10) : py(value));
  }
  return parts.length > 0 ? parts.join('\n') : 'No summary data available';
}
