/**
 * A Lastline analysis result → MISP objects, as upstream's
 * LastlineResultBaseParser builds them: the analysis subject (url or file),
 * HTTP requests, DNS queries and HTTP conversations, the sandbox report,
 * the behaviours (sb-signature) and the ATT&CK techniques as galaxy tags.
 *
 * Departures from upstream, each where upstream would crash or break a
 * template rule: the request IP goes to http-request's `ip-dst` (upstream
 * used a relation the template lacks), a DNS query carries its answers
 * (`results`) as A/AAAA records and one without answers is a `domain`
 * attribute (a dns-record needs a record), malformed conversations are
 * skipped, the behaviour object is left out when there is no behaviour
 * (`signature` is required), and ATT&CK tags read "Name - Txxxx" as MISP's
 * galaxy clusters are named.
 */
import { isIP } from 'node:net';
import { MispResultBuilder } from '../../../misp/standard-result.js';
import { isRecord, record, records, str, strList, type JsonRecord } from '../json-record.js';
import type { AnalysisLink } from './link.js';

function subject(result: MispResultBuilder, analysisSubject: JsonRecord): void {
  const url = str(analysisSubject['url']);
  if (url) {
    result.addObject('url', [['url', url]]);
    return;
  }
  result.addObject('file', [
    ['md5', str(analysisSubject['md5'])],
    ['sha1', str(analysisSubject['sha1'])],
    ['sha256', str(analysisSubject['sha256'])],
    ['mimetype', str(analysisSubject['mime_type'])],
  ]);
}

function networkRequests(result: MispResultBuilder, report: JsonRecord): void {
  const network = record(record(report['analysis'])['network']);
  for (const request of records(network['requests'])) {
    const url = str(request['url']);
    if (!url) continue;
    let host: string | undefined;
    try {
      host = new URL(url).host;
    } catch {
      host = undefined;
    }
    result.addObject('http-request', [
      ['host', host],
      ['method', 'GET'],
      ['uri', url],
      ['ip-dst', str(request['ip'])],
    ]);
  }
}

function dnsQueries(result: MispResultBuilder, analysisSubject: JsonRecord): void {
  for (const query of records(analysisSubject['dns_queries'])) {
    const hostname = str(query['hostname']);
    // Upstream skips IP addresses and the WPAD lookups every Windows sandbox makes.
    if (!hostname || hostname === 'wpad' || isIP(hostname) !== 0) continue;
    const answers = strList(query['results']);
    const v4 = answers.filter((a) => isIP(a) === 4);
    const v6 = answers.filter((a) => isIP(a) === 6);
    if (v4.length + v6.length === 0) {
      // A dns-record needs at least one record; a lookup without answers is the domain alone.
      result.addAttribute({ type: 'domain', value: hostname, comment: 'DNS query made during the Lastline analysis.' });
      continue;
    }
    result.addObject('dns-record', [
      ['queried-domain', hostname],
      ['a-record', v4],
      ['aaaa-record', v6],
    ]);
  }
}

function httpConversations(result: MispResultBuilder, analysisSubject: JsonRecord): void {
  for (const conversation of records(analysisSubject['http_conversations'])) {
    const dstHost = str(conversation['dst_host']);
    const dstIp = str(conversation['dst_ip']);
    const dstPort = conversation['dst_port'];
    result.addObject('network-connection', [
      ['ip-src', str(conversation['src_ip'])],
      ['ip-dst', dstIp],
      ['src-port', str(conversation['src_port'])],
      ['dst-port', str(dstPort)],
      ['hostname-dst', dstHost],
      ['layer3-protocol', 'IP'],
      ['layer4-protocol', 'TCP'],
      ['layer7-protocol', 'HTTP'],
    ]);
    // "GET /path HTTP/1.1"
    const [method, path, version, ...rest] = (str(conversation['url']) ?? '').split(' ');
    if (!method || !path || !version || rest.length > 0 || !dstHost) continue;
    const uri = Number(dstPort) === 80 ? `http://${dstHost}${path}` : `http://${dstHost}:${String(dstPort)}${path}`;
    result.addObject('http-request', [
      ['host', dstHost],
      ['method', method],
      ['uri', uri],
      ['ip-dst', dstIp],
    ]);
  }
}

/** `misp-galaxy:mitre-attack-pattern="Name - Txxxx"` for each technique of the malicious activities. */
function mitreTags(result: JsonRecord): string[] {
  const map = record(result['activity_to_mitre_techniques']);
  const techniques = new Map<string, string>();
  for (const activity of strList(result['malicious_activity'])) {
    for (const technique of records(map[activity])) {
      const id = str(technique['id']);
      const name = str(technique['name']);
      if (id && name) techniques.set(`${id}\u0000${name}`, `misp-galaxy:mitre-attack-pattern="${name} - ${id}"`);
    }
  }
  return [...techniques.keys()].sort().map((key) => techniques.get(key)!);
}

export function parseLastlineResult(link: AnalysisLink, result: JsonRecord): MispResultBuilder {
  const builder = new MispResultBuilder();
  subject(builder, record(result['analysis_subject']));
  const report = record(result['report']);
  networkRequests(builder, report);
  for (const analysisSubject of records(report['analysis_subjects'])) {
    dnsQueries(builder, analysisSubject);
    httpConversations(builder, analysisSubject);
  }
  const sandboxType = link.hosted ? 'saas' : 'on-premise';
  builder.addObject('sandbox-report', [
    ['score', str(result['score'])],
    ['sandbox-type', sandboxType],
    [link.hosted ? 'saas-sandbox' : 'on-premise-sandbox', 'lastline'],
    ['permalink', link.link],
  ]);
  const activities = strList(result['malicious_activity']);
  if (activities.length > 0) {
    builder.addObject('sb-signature', [
      ['software', 'Lastline'],
      ...activities.map((activity) => ['signature', activity] as const),
    ]);
  }
  for (const tag of mitreTags(result)) builder.addTag(tag);
  return builder;
}

/** Whether a get_result answer looks like an analysis result (upstream reads these keys unchecked). */
export function isAnalysisResult(data: unknown): data is JsonRecord {
  return isRecord(data) && isRecord(data['analysis_subject']);
}
