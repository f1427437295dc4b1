/**
 * ThreatAnalyzer noise filters (upstream's cleanup_* helpers): sandbox
 * infrastructure, Windows caches and registry churn that would swamp an event.
 */
import ipaddr from 'ipaddr.js';

const isIp = (value: string): boolean => ipaddr.isValid(value) && (ipaddr.IPv4.isValidFourPartDecimal(value) || value.includes(':'));

const IP_NOISE = ['224.0.0.', '127.0.0.', '8.8.8.8', '8.8.4.4', '0.0.0.0', 'NONE'];
const HOSTNAME_NOISE = ['wpad', 'teredo.ipv6.microsoft.com', 'WIN7SP1-x64-UNP'];
const FILEPATH_NOISE = [
  '\\AppData\\Local\\GDIPFONTCACHEV1.DAT',
  '\\AppData\\Local\\Microsoft\\Internet Explorer\\DOMStore\\',
  '\\AppData\\Local\\Microsoft\\Internet Explorer\\Recovery\\High\\',
  '\\AppData\\Local\\Microsoft\\Windows\\Caches\\',
  '\\AppData\\Local\\Microsoft\\Windows\\Explorer\\thumbcache',
  '\\AppData\\Local\\Microsoft\\Windows\\History\\History.',
  '\\AppData\\Local\\Microsoft\\Windows\\Temporary Internet Files\\Content.',
  '\\AppData\\Local\\Microsoft\\Windows\\WebCache\\',
  '\\AppData\\Local\\Temp\\.*tmp$',
  '\\AppData\\LocalLow\\Microsoft\\CryptnetUrlCache\\',
  '\\AppData\\LocalLow\\Microsoft\\Internet Explorer\\Services\\search_',
  '\\AppData\\Roaming\\Microsoft\\Office\\Recent\\',
  '\\AppData\\Roaming\\Microsoft\\Windows\\Cookies\\',
  '\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\',
  'C:\\ProgramData\\Microsoft\\OfficeSoftwareProtectionPlatform\\Cache\\cache.dat',
  'C:\\Windows\\Prefetch\\',
  '\\AppData\\Roaming\\Adobe\\Acrobat\\9.0\\SharedDataEvents-journal',
  '\\AppData\\Roaming\\Adobe\\Acrobat\\9.0\\UserCache.bin',
  '\\AppData\\Roaming\\Macromedia\\Flash Player\\macromedia.com\\support\\flashplayer\\sys\\settings.sol',
  '\\AppData\\Roaming\\Adobe\\Flash Player\\NativeCache\\',
  'C:\\Windows\\AppCompat\\Programs\\',
  'C:\\~', // temp files MS Office creates when opening a document
];
const REGKEY_NOISE = [
  /\\CurrentVersion\\Explorer\\FileExts\\[a-z.]+\\OpenWith/i,
  /\\CurrentVersion\\Explorer\\RecentDocs\\/i,
  /\\CurrentVersion\\Explorer\\UserAssist\\/i,
  /\\Local Settings\\Software\\Microsoft\\Windows\\Shell\\Bag/i,
  /\\Software\\Classes\\CLSID\\/i,
  /\\Software\\Classes\\Local Settings\\MuiCache\\/i,
  /\\Software\\Microsoft\\Internet Explorer\\Main\\WindowsSearch/i,
  /\\Software\\Microsoft\\Office\\[0-9.]+\\/i,
  /\\Software\\Microsoft\\Office\\Common\\Smart Tag\\/i,
  /\\Software\\Microsoft\\OfficeSoftwareProtectionPlatform\\/i,
  /\\Software\\Microsoft\\Shared Tools\\Panose\\/i,
  /\\Software\\Microsoft\\Tracing\\/i,
  /\\Software\\Microsoft\\Windows\\CurrentVersion\\Action Center\\/i,
  /\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RunMRU\\/i,
  /\\Software\\Microsoft\\Windows\\CurrentVersion\\Installer\\UserData\\/i,
  /\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\/i,
  /\\System\\CurrentControlSet\\Services\\RdyBoost\\/i,
  /\\Usage\\SpellingAndGrammarFiles/i,
];

const contains = (noise: readonly string[], item: string): boolean => noise.some((n) => item.includes(n));

/** A routable-looking IP address, or undefined. */
export function cleanupIp(item: string | undefined): string | undefined {
  if (!item || contains(IP_NOISE, item)) return undefined;
  return isIp(item) ? item : undefined;
}

/** A hostname that is neither sandbox noise nor an IP address, or undefined. */
export function cleanupHostname(item: string | undefined): string | undefined {
  if (!item || contains(HOSTNAME_NOISE, item)) return undefined;
  return isIp(item) ? undefined : item;
}

export function cleanupUrl(item: string | undefined): string | undefined {
  return !item || item === '/' ? undefined : item;
}

/** Upstream compares these as plain substrings (so ".*tmp$" never matches); kept. */
export function cleanupFilepath(item: string | undefined): string | undefined {
  return !item || contains(FILEPATH_NOISE, item) ? undefined : item;
}

export function cleanupRegkey(item: string): string | undefined {
  return REGKEY_NOISE.some((re) => re.test(item)) ? undefined : item;
}

export function cleanupRegdata(item: string | undefined): string | undefined {
  if (!item) return undefined;
  return item.replaceAll('(UNICODE_0x00000000)', '');
}
