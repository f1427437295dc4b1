/**
 * rapid7_attackerkb: what Rapid7 AttackerKB says about the CVEs of a
 * vulnerability (or comment) attribute. For each CVE: `GET /v1/topics?name=CVE`,
 * then `GET /v1/topics/{id}?expand=tags,references`, `GET /v1/assessments?topicId=`
 * and `GET /v1/contributors/{editorId}` for each assessment's author, with
 * `Authorization: Bearer <api_key>`.
 *
 * Kept from upstream: the name, `api_key`, the input types, the requests, the
 * score labels (Very Low … Very High, "Unknown"), and the messages "Missing CVE
 * input or API key" and "No valid CVE found".
 * Fixed: upstream returns objects named attackerkb-report/-references/
 * -rapid7-analysis/-assessment/-miss/-error, which exist in no MISP object
 * template (MISP cannot validate or edit them): we answer a `vulnerability`
 * object (id, description, cvss-score, permalink and references) with the
 * attacker value and exploitability in its comment, and `annotation` objects
 * (Rapid7's analysis, each community assessment) that annotate it. Errors
 * are errors, not an "attackerkb-error" object; a CVE AttackerKB does not
 * know adds nothing (no "attackerkb-miss" object), and when none is known
 * the answer says so. CVE ids are matched case-insensitively; each
 * contributor is asked once.
 */
import { defineMessages } from '../../base/messages.js';
import { defineModule } from '../../core/module.js';
import { requireAttribute } from '../../core/query-helpers.js';
import { MispResultBuilder } from '../../misp/standard-result.js';

const INPUT_TYPES = ['vulnerability', 'comment'] as const;
const PERMALINK = 'https://attackerkb.com/topics/';

const MESSAGES = defineMessages({
  missing: 'Missing CVE input or API key',
  noCve: 'No valid CVE found',
  notFound: 'CVE not found in AttackerKB: {cves}',
});

interface Topic {
  id?: string;
  name?: string;
  document?: string;
  metadata?: { cvssMetricV31?: { cvssData?: { baseScore?: number } } };
  score?: { attackerValue?: number; exploitability?: number };
  rapid7Analysis?: string;
  references?: Array<{ url?: string }>;
}

interface Assessment {
  editorId?: string;
  document?: string;
  score?: number;
  metadata?: { exploitability?: number };
}

interface Envelope<T> {
  data?: T;
}

/** Upstream's score labels: 0 or less (or none) is Unknown. */
export function scoreLabel(value: unknown): string {
  const score = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(score) || score <= 0) return 'Unknown';
  for (const [threshold, label] of [[1.5, 'Very Low'], [2.5, 'Low'], [3.5, 'Medium'], [4.5, 'High']] as const) {
    if (score < threshold) return label;
  }
  return 'Very High';
}

/** The distinct CVE ids in a text, upper-cased and sorted (as upstream's sorted set). */
export function cveIds(text: string): string[] {
  return [...new Set([...text.matchAll(/CVE-\d{4}-\d{4,7}/gi)].map((m) => m[0].toUpperCase()))].sort();
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

export default defineModule({
  name: 'rapid7_attackerkb',
  kind: 'expansion',
  moduleType: ['expansion', 'hover'],
  meta: {
    version: '1',
    author: 'R7 Labs',
    description: 'Module to lookup CVE attributes in Rapid7 AttackerKB.',
    name: 'Rapid7 AttackerKB lookup',
    logo: 'rapid7.png',
    requirements: ['A valid public Rapid7 AttackerKB API key https://api.attackerkb.com/v1/api-docs/docs'],
    features:
      'The module takes a CVE attribute and queries Rapid7 AttackerKB to retrieve information about the vulnerability. ' +
      'It returns details such as the CVSS score, exploitability, attacker value, available references, Rapid7 analysis, and community assessments.',
    references: ['https://attackerkb.com/'],
    input: 'A vulnerability attribute containing a CVE ID, or a comment that includes one or more CVEs.',
    output:
      'Enriched information about the CVE, including:\n\nVulnerability description and link to Rapid7 AttackerKB topic\nCVSS base score\n' +
      'Attacker value and exploitability ratings\nExternal references related to the CVE\nRapid7’s analysis (if available)\n' +
      'Community assessments with contributor names, scores, and notes',
  },
  config: { api_key: { description: 'Rapid7 AttackerKB API key', secret: true } },
  attributes: { input: [...INPUT_TYPES], output: ['MISPObject'], format: 'misp_standard' },
  messages: MESSAGES,
  async handle(query, ctx) {
    const attribute = requireAttribute(query, INPUT_TYPES);
    if (!attribute.value.trim() || !ctx.config['api_key']) throw MESSAGES.error('missing');
    const cves = cveIds(attribute.value);
    if (cves.length === 0) throw MESSAGES.error('noCve');

    const api = ctx.vendor({
      name: 'Rapid7 AttackerKB',
      baseUrl: 'https://api.attackerkb.com/v1',
      auth: { in: 'bearer', setting: 'api_key' },
      missingKey: () => MESSAGES.error('missing'),
    });
    const contributors = new Map<string, string>();
    const contributor = async (editorId: string): Promise<string> => {
      let name = contributors.get(editorId);
      if (name === undefined) {
        const found = await api.find<Envelope<{ username?: unknown }>>(`/contributors/${encodeURIComponent(editorId)}`);
        name = text(record(found?.data)['username']) ?? `Unknown (${editorId})`;
        contributors.set(editorId, name);
      }
      return name;
    };

    const result = new MispResultBuilder();
    const missed: string[] = [];
    for (const cve of cves) {
      const topics = await api.get<Envelope<Topic[]>>('/topics', { query: { name: cve } });
      const topicId = Array.isArray(topics?.data) ? text(record(topics.data[0])['id']) : undefined;
      if (!topicId) {
        missed.push(cve);
        continue;
      }
      const id = encodeURIComponent(topicId);
      const detail = record((await api.get<Envelope<Topic>>(`/topics/${id}`, { query: { expand: 'tags,references' } }))?.data) as Topic;
      const permalink = PERMALINK + topicId;
      const references = (Array.isArray(detail.references) ? detail.references : []).map((r) => text(record(r)['url'])).filter((u) => u !== undefined);
      const score = record(detail.score);
      const baseScore = record(record(record(detail.metadata)['cvssMetricV31'])['cvssData'])['baseScore'];
      const vulnerability = result.addObject(
        'vulnerability',
        [
          ['id', text(detail.name) ?? cve],
          ['description', text(detail.document)],
          ['cvss-score', typeof baseScore === 'number' ? baseScore : undefined],
          ['references', [permalink, ...references]],
        ],
        { comment: `AttackerKB attacker value: ${scoreLabel(score['attackerValue'])}, exploitability: ${scoreLabel(score['exploitability'])}` },
      );
      result.addReference(vulnerability.uuid, attribute.uuid, 'related-to');

      const analysis = text(detail.rapid7Analysis);
      if (analysis) {
        const note = result.addObject('annotation', [['text', analysis], ['type', 'Annotation'], ['format', 'markdown'], ['ref', permalink]], { comment: 'Rapid7 analysis' });
        result.addReference(note.uuid, vulnerability.uuid, 'annotates');
      }

      const assessments = await api.get<Envelope<Assessment[]>>('/assessments', { query: { topicId } });
      for (const item of Array.isArray(assessments?.data) ? assessments.data : []) {
        const assessment = record(item);
        const editorId = text(assessment['editorId']);
        const author = editorId ? await contributor(editorId) : 'Unknown';
        const ratings = `Assessment by ${author}: attacker value ${scoreLabel(assessment['score'])}, exploitability ${scoreLabel(record(assessment['metadata'])['exploitability'])}`;
        const notes = text(assessment['document']);
        const note = result.addObject('annotation', [['text', notes ? `${ratings}\n\n${notes}` : ratings], ['type', 'Annotation'], ['format', 'markdown'], ['ref', permalink]], {
          comment: ratings,
        });
        result.addReference(note.uuid, vulnerability.uuid, 'annotates');
      }
    }
    if (result.isEmpty) throw MESSAGES.error('notFound', { cves: missed.join(', ') });
    return result.toResults();
  },
});
