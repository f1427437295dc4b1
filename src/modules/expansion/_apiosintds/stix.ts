/**
 * What apiosintDS reads from a sample's STIX 2 report
 * (stix2/<md5>.json in the Threat-Intel repository): the TLP of the
 * marking definition, when the malware was first and last seen (and the
 * time between, as Python prints a timedelta), the VirusTotal ratio and
 * link of its external references, how many times it was observed, and the
 * file's name, size and MIME type. A report that is not a STIX bundle gives
 * no details; a missing part leaves out what needs it.
 */

export interface StixDetails {
  tlp?: string;
  numberObserved?: number;
  /** "2023-07-06 07:36:02" (UTC). */
  firstObserved?: string;
  lastObserved?: string;
  /** "1 day, 2:03:04"; only when last seen is after first seen. */
  timeFrame?: string;
  filename?: string;
  filesize?: number;
  mimeType?: string;
  virusTotal?: { ratio: string; report: string };
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Python's `strftime('%Y-%m-%d %H:%M:%S')` of a STIX timestamp (UTC). */
function stixTime(value: unknown): { ms: number; text: string } | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) return undefined;
  return { ms, text: new Date(ms).toISOString().slice(0, 19).replace('T', ' ') };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Python's `str(timedelta)` of a positive duration in milliseconds. */
export function timedeltaText(ms: number): string {
  const micro = Math.round((ms % 1000) * 1000);
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const rest = totalSeconds % 86400;
  const clock = `${Math.floor(rest / 3600)}:${pad2(Math.floor((rest % 3600) / 60))}:${pad2(rest % 60)}${micro ? `.${String(micro).padStart(6, '0')}` : ''}`;
  return days ? `${days} day${days === 1 ? '' : 's'}, ${clock}` : clock;
}

/** The "Virus Total detection ratio 59/71" reference, as upstream cuts it (after 28 characters). */
function virusTotal(malware: Json): StixDetails['virusTotal'] {
  let found: StixDetails['virusTotal'];
  for (const reference of Array.isArray(malware['external_references']) ? malware['external_references'] : []) {
    if (!isRecord(reference)) continue;
    const description = text(reference['description']);
    const url = text(reference['url']);
    if (description?.startsWith('Virus Total') && url !== undefined) found = { ratio: description.slice(28), report: url };
  }
  return found;
}

/** The details of a report's text; undefined when it is not a JSON STIX bundle. */
export function parseStixReport(report: string): StixDetails | undefined {
  let bundle: unknown;
  try {
    bundle = JSON.parse(report);
  } catch {
    return undefined;
  }
  if (!isRecord(bundle) || !Array.isArray(bundle['objects'])) return undefined;
  const details: StixDetails = {};
  for (const object of bundle['objects']) {
    if (!isRecord(object)) continue;
    switch (object['type']) {
      case 'marking-definition': {
        const tlp = isRecord(object['definition']) ? text(object['definition']['tlp']) : undefined;
        if (tlp !== undefined) details.tlp = tlp;
        break;
      }
      case 'malware': {
        const first = stixTime(object['first_seen']);
        const last = stixTime(object['last_seen']);
        if (first) details.firstObserved = first.text;
        if (last) details.lastObserved = last.text;
        if (first && last && last.ms > first.ms) details.timeFrame = timedeltaText(last.ms - first.ms);
        const vt = virusTotal(object);
        if (vt) details.virusTotal = vt;
        break;
      }
      case 'observed-data':
        if (typeof object['number_observed'] === 'number') details.numberObserved = object['number_observed'];
        break;
      case 'file':
        if (typeof object['name'] === 'string') details.filename = object['name'];
        if (typeof object['size'] === 'number') details.filesize = object['size'];
        if (typeof object['mime_type'] === 'string') details.mimeType = object['mime_type'];
        break;
      default:
        break;
    }
  }
  return details;
}
