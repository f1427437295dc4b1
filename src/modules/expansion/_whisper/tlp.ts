/**
 * The TLP ceiling (`max_tlp`): an attribute marked above it is not sent to
 * Whisper. Levels in order; TLP 1.0 names map to their TLP 2.0 places.
 */
const ORDER = ['tlp:clear', 'tlp:green', 'tlp:amber', 'tlp:amber+strict', 'tlp:red'];
const ALIASES: Record<string, string> = { 'tlp:white': 'tlp:clear' };

export const DEFAULT_MAX_TLP = 'tlp:amber+strict';

/** The rank of a TLP tag name, or undefined when it is not a TLP tag. */
export function tlpRank(name: string): number | undefined {
  const normalised = name.trim().toLowerCase().replace(/^tlp:\s*/, 'tlp:');
  const rank = ORDER.indexOf(ALIASES[normalised] ?? normalised);
  return rank < 0 ? undefined : rank;
}

/** The TLP tag names on a MISP attribute (`Tag: [{name}]`) above the ceiling. */
export function tagsAboveCeiling(tags: unknown, ceiling: string): string[] {
  const max = tlpRank(ceiling);
  if (max === undefined || !Array.isArray(tags)) return [];
  return tags
    .map((tag) => (typeof tag === 'object' && tag !== null ? (tag as { name?: unknown }).name : tag))
    .filter((name): name is string => typeof name === 'string')
    .filter((name) => (tlpRank(name) ?? -1) > max);
}
