/**
 * The Cypher queries the Whisper integrations send to the graph
 * (`POST {api_url}/api/query`). Whisper's engine takes no request
 * parameters: the value is inlined as a JSON-escaped string literal and the
 * limits as integers, as Whisper's own clients do.
 */

export type SeedLabel = 'IPV4' | 'IPV6' | 'HOSTNAME' | 'ASN';

export const ONE_HOP_LIMIT = 50;
export const FEED_LIMIT = 100;
export const NETWORK_LIMIT = 10;

export const THREAT_FLAGS = [
  'isThreat', 'isMalware', 'isC2', 'isPhishing', 'isSpam', 'isBruteforce', 'isScanner',
  'isBlacklist', 'isAnonymizer', 'isTor', 'isProxy', 'isVpn', 'isWhitelist',
] as const;

const literal = (value: string): string => JSON.stringify(value);

/** Neighbours of the seed, all relations but the huge LINKS_TO fan-out. */
export function oneHopQuery(label: SeedLabel, value: string): string {
  return `MATCH (n:${label} {name: ${literal(value)}})-[r]-(m) WHERE type(r) <> "LINKS_TO" RETURN n, r, m LIMIT ${ONE_HOP_LIMIT}`;
}

/** Threat score, level, flags and feed listings of a HOSTNAME / IPV4 / IPV6 seed. */
export function threatQuery(label: Exclude<SeedLabel, 'ASN'>, value: string): string {
  const flags = THREAT_FLAGS.map((flag) => `n.${flag} AS ${flag}`).join(', ');
  return (
    `MATCH (n:${label} {name: ${literal(value)}}) OPTIONAL MATCH (n)-[r:LISTED_IN]->(f:FEED_SOURCE) ` +
    `RETURN n.threatScore AS threatScore, n.threatLevel AS threatLevel, ${flags}, ` +
    'n.threatFirstSeen AS threatFirstSeen, n.threatLastSeen AS threatLastSeen, ' +
    `f.name AS feedName, r.firstSeen AS feedFirstSeen, r.lastSeen AS feedLastSeen, r.weight AS feedWeight LIMIT ${FEED_LIMIT}`
  );
}

/** The AS announcing an IP, its name, the announced and allocated prefixes. */
export function networkQuery(label: 'IPV4' | 'IPV6', value: string): string {
  return (
    `MATCH (ip:${label} {name: ${literal(value)}})-[:ANNOUNCED_BY]->(ap:ANNOUNCED_PREFIX)-[:ROUTES]->(asn:ASN) ` +
    'OPTIONAL MATCH (asn)-[:HAS_NAME]->(asn_name:ASN_NAME) OPTIONAL MATCH (ip)-[:BELONGS_TO]->(p:PREFIX) ' +
    'RETURN ip AS seed, asn AS asn, asn_name.name AS asnDescription, ap.name AS announcedPrefix, ' +
    'ap.threatScore AS apThreatScore, ap.threatLevel AS apThreatLevel, ap.isAnycast AS isAnycast, ap.isMoas AS isMoas, ' +
    `ap.isWithdrawn AS isWithdrawn, p.name AS prefix LIMIT ${NETWORK_LIMIT}`
  );
}
