/**
 * Result pieces the rst_* modules share: upstream's "nothing to show" answer
 * (one text attribute, `text_result`) and the MISP galaxy tags for RST threat
 * names (`threat_tags`).
 */
import type { ModuleResult } from '../../../core/module.js';
import { MispResultBuilder } from '../../../misp/standard-result.js';

/** One text attribute with a comment: what upstream answers when there is nothing structured to return. */
export function textResult(value: string, comment: string): ModuleResult {
  const result = new MispResultBuilder();
  result.addAttribute({ type: 'text', value, comment });
  return result.toResults();
}

/** RST's name suffix → the built-in MISP galaxy it names a cluster of. */
const THREAT_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['_group', 'misp-galaxy:threat-actor'],
  ['_actor', 'misp-galaxy:threat-actor'],
  ['_tool', 'misp-galaxy:tool'],
  ['_stealer', 'misp-galaxy:stealer'],
  ['_backdoor', 'misp-galaxy:backdoor'],
  ['_ransomware', 'misp-galaxy:ransomware'],
  ['_miner', 'misp-galaxy:cryptominers'],
  ['_exploit', 'misp-galaxy:exploit-kit'],
  ['_botnet', 'misp-galaxy:botnet'],
  ['_rat', 'misp-galaxy:rat'],
  ['_campaign', 'misp-galaxy:campaign'],
];

/**
 * Galaxy tags for RST threat names (`akira_ransomware` →
 * `misp-galaxy:ransomware="akira"`); a name without a known suffix is a
 * malware family; techniques and vulnerabilities get none.
 */
export function threatTags(threats: readonly string[]): string[] {
  return threats
    .filter((threat) => !threat.endsWith('_technique') && !threat.endsWith('_vuln'))
    .map((threat) => {
      const found = THREAT_SUFFIXES.find(([suffix]) => threat.endsWith(suffix));
      const name = found ? threat.slice(0, -found[0].length) : threat;
      return `${found?.[1] ?? 'misp-galaxy:malware'}="${name.replaceAll('_', ' ')}"`;
    });
}
