/** VirusTotal API v3's real base URL (`--upstream www.virustotal.com=…` redirects it). */
export const VT_API = 'https://www.virustotal.com/api/v3';
