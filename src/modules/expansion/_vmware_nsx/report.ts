/**
 * Upstream's `ResultParser`: an NSX Defender analysis result (`analysis/get`)
 * as MISP objects: the analysed url or file, the HTTP requests of a URL
 * analysis, the DNS answers and HTTP conversations of each analysed file,
 * a sandbox-report (score, hosted or on-premise, permalink), the malicious
 * activities as an sb-signature, and the MITRE techniques as galaxy tags.
 */
import { isIP } from 'node:net';
import type { MispResultBuilder } from '../../../misp/standard-result.js';
import { isHostedLink } from './client.js';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | number | undefined => (typeof value === 'string' || typeof value === 'number' ? value : undefined);

/** A hostname upstream keeps: not wpad/localhost, dotted, not ending in a dot, not an IP. */
function isReportableHostname(hostname: unknown): hostname is string {
  if (typeof hostname !== 'string' || hostname === 'wpad' || hostname === 'localhost') return false;
  if (!hostname.includes('.') || hostname.endsWith('.')) return false;
  return isIP(hostname) === 0;
}

/** MISP technique tags matching the report's technique ids, as upstream matches them. */
function techniqueTags(result: Json, galaxy: ReadonlyMap<string, string>): string[] {
  const tags: string[] = [];
  for (const techniques of Object.values(obj(result['activity_to_mitre_techniques']))) {
    for (const technique of arr(techniques)) {
      const id = text(obj(technique)['id']);
      if (typeof id !== 'string') continue;
      for (const [mispId, tagName] of galaxy) {
        if (mispId.toLowerCase().includes(id.toLowerCase()) && (id.includes('.') || !mispId.includes('.'))) {
          tags.push(tagName);
          break;
        }
      }
    }
  }
  return tags;
}

export function parseResult(builder: MispResultBuilder, analysisLink: string, result: Json, galaxy: ReadonlyMap<string, string>): void {
  const subject = obj(result['analysis_subject']);
  if ('url' in subject) {
    builder.addObject('url', [['url', text(subject['url'])]]);
  } else {
    builder.addObject('file', [
      ['md5', text(subject['md5'])],
      ['sha1', text(subject['sha1'])],
      ['sha256', text(subject['sha256'])],
      ['mimetype', text(subject['mime_type'])],
    ]);
  }

  const report = obj(result['report']);
  for (const request of arr(obj(obj(report['analysis'])['network'])['requests']).map(obj)) {
    const url = text(request['url']);
    const ip = text(request['ip']);
    if (!url && !ip) continue;
    let host: string | undefined;
    if (typeof url === 'string' && url) {
      try {
        host = new URL(url).host;
      } catch {
        host = undefined;
      }
    }
    builder.addObject('http-request', [
      ['method', 'GET'],
      ['host', host],
      ['uri', url || undefined],
      ['ip-dst', ip || undefined],
    ]);
  }

  for (const analysed of arr(report['analysis_subjects']).map(obj)) {
    for (const query of arr(analysed['dns_queries']).map(obj)) {
      const hostname = query['hostname'];
      if (!isReportableHostname(hostname)) continue;
      builder.addObject('domain-ip', [
        ['hostname', hostname],
        ['ip', arr(query['results']).map(text)],
      ]);
    }
    for (const conversation of arr(analysed['http_conversations']).map(obj)) {
      const dstHost = text(conversation['dst_host']);
      const dstPort = text(conversation['dst_port']);
      builder.addObject('network-connection', [
        ['ip-src', text(conversation['src_ip'])],
        ['ip-dst', text(conversation['dst_ip'])],
        ['src-port', text(conversation['src_port'])],
        ['dst-port', dstPort],
        ['hostname-dst', dstHost],
        ['layer3-protocol', 'IP'],
        ['layer4-protocol', 'TCP'],
        ['layer7-protocol', 'HTTP'],
      ]);
      // "GET /path HTTP/1.1": upstream split it on spaces (and crashed on anything else).
      const [method, path] = String(text(conversation['url']) ?? '').split(' ');
      if (!method || !path || dstHost === undefined) continue;
      const uri = Number(dstPort) === 80 ? `http://${dstHost}${path}` : `http://${dstHost}:${String(dstPort)}${path}`;
      builder.addObject('http-request', [
        ['host', dstHost],
        ['method', method],
        ['uri', uri],
        ['ip-dst', text(conversation['dst_ip'])],
      ]);
    }
  }

  const sandboxType = isHostedLink(analysisLink) ? 'saas' : 'on-premise';
  builder.addObject('sandbox-report', [
    ['score', text(result['score'])],
    ['sandbox-type', sandboxType],
    [sandboxType === 'saas' ? 'saas-sandbox' : 'on-premise-sandbox', 'vmware-nsx-defender'],
    ['permalink', analysisLink],
  ]);

  const activities = arr(result['malicious_activity']).map(text).filter((a) => a !== undefined);
  if (activities.length > 0) {
    builder.addObject('sb-signature', [
      ['software', 'VMware NSX Defender'],
      ['signature', activities],
    ]);
  }

  for (const tag of techniqueTags(result, galaxy)) builder.addTag(tag);
}
