/** Malware families SOCRadar's module recognises in indicator labels, names and tags (upstream's KNOWN_MALWARE). */
const KNOWN_MALWARE = [
  'redline', 'redline stealer', 'raccoon', 'raccoon stealer', 'vidar', 'stealc', 'risepro', 'lumma', 'lumma stealer',
  'meduza', 'meduza stealer', 'azorult', 'aurora', 'emotet', 'trickbot', 'qakbot', 'qbot', 'icedid', 'bumblebee',
  'batloader', 'pikabot', 'smokeloader', 'amadey', 'systembc', 'danabot', 'darkgate', 'asyncrat', 'remcos', 'njrat',
  'nanocore', 'darkcomet', 'agent tesla', 'agenttesla', 'formbook', 'xworm', 'lokibot', 'warzone', 'dcrat',
  'cobalt strike', 'cobaltstrike', 'metasploit', 'sliver', 'havoc', 'brute ratel', 'mythic', 'mirai', 'gafgyt', 'mozi',
  'hajime', 'lockbit', 'blackcat', 'alphv', 'clop', 'cl0p', 'conti', 'royal', 'black basta', 'akira', 'rhysida', 'play',
  'medusa ransomware', '8base', 'hunters international', 'bianlian', 'cactus', 'blacksuit', 'prometei', 'xmrig',
  'coinminer', 'cryptonight', 'screenconnect', 'connectwise',
];

/**
 * Upstream walks a Python set, whose order varies between runs; the longest
 * names go first here, so "redline stealer" wins over "redline", every time.
 */
const BY_LENGTH = [...KNOWN_MALWARE].sort((a, b) => b.length - a.length || a.localeCompare(b));

const PATTERNS = BY_LENGTH.map((family) => ({
  family,
  pattern: new RegExp(`\\b${family.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`),
}));

/** The first known family named in the text (lower case), or undefined. */
export function detectFamily(text: string): string | undefined {
  const lower = text.toLowerCase();
  return PATTERNS.find(({ pattern }) => pattern.test(lower))?.family;
}
