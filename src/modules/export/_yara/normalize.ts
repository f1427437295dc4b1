/**
 * A `yara` attribute made ready for the export file, as upstream: typographic
 * quotes and backticks replaced, `\r` removed, `Rule` lower-cased, and every
 * rule renamed `MISP_e<event id>_<name>`, with leading indentation of
 * `rule` lines removed.
 *
 * Upstream renamed only rules declared at a line start (plus private rules,
 * by a plain substring replace anywhere in the text). Here every declared
 * rule (private, global) is renamed, in its declaration and where a
 * condition refers to it, never inside strings, regexes or comments. A
 * block comment left open at the end is closed, or it would swallow the
 * rules after it in the file.
 */
import { replaceIdentifiers, scanYara } from '../../_shared/yara/scan.js';

const SUBSTITUTIONS: ReadonlyArray<[RegExp, string]> = [
  [/[”“″]/g, '"'],
  [/`/g, "'"],
  [/\r/g, ''],
  // Some people write the keyword with a capital.
  [/^([ \t]*(?:(?:private|global)[ \t]+)*)Rule(?=[ \t])/gm, '$1rule'],
  [/^[ \t]+(?=rule )/gm, ''],
];

export interface NormalizedYara {
  source: string;
  /** The rule names it declares, renamed. */
  names: string[];
}

export function normalizeYara(value: string, eventId: string): NormalizedYara {
  let source = value;
  for (const [pattern, replacement] of SUBSTITUTIONS) source = source.replace(pattern, replacement);
  const scan = scanYara(source);
  const prefix = `MISP_e${eventId}_`;
  const declared = new Set(scan.identifiers.filter((id) => id.role === 'rule-name').map((id) => id.name));
  const targets = scan.identifiers.filter((id) => declared.has(id.name));
  source = replaceIdentifiers(source, targets, (id) => prefix + id.name);
  if (scan.unterminatedComment) source += '*/';
  return { source, names: [...declared].map((name) => prefix + name) };
}
