/**
 * Decoding text in the charsets mail uses, with Python's codec names. Node's
 * TextDecoder (full ICU) covers the multi-byte ones (Shift_JIS, EUC-JP,
 * ISO-2022-JP, GBK, Big5, KOI8…); Latin-1, ASCII and UTF-32 are done here
 * because WHATWG maps or lacks them differently from Python.
 */

export type DecodeErrors = 'replace' | 'ignore';

const ALIASES: Readonly<Record<string, string>> = {
  utf8: 'utf-8', u8: 'utf-8', 'utf-8-sig': 'utf-8', utf_8: 'utf-8',
  latin1: 'latin1', 'latin-1': 'latin1', 'iso-8859-1': 'latin1', iso8859_1: 'latin1', 'iso_8859-1': 'latin1', l1: 'latin1', 'iso8859-1': 'latin1',
  ascii: 'ascii', 'us-ascii': 'ascii', 'ansi_x3.4-1968': 'ascii', '646': 'ascii',
  cp1252: 'windows-1252', cp1251: 'windows-1251', cp1250: 'windows-1250', cp1253: 'windows-1253', cp1254: 'windows-1254',
  cp1255: 'windows-1255', cp1256: 'windows-1256', cp1257: 'windows-1257', cp1258: 'windows-1258',
  shift_jis: 'shift_jis', sjis: 'shift_jis', 'shift-jis': 'shift_jis', cp932: 'shift_jis', ms932: 'shift_jis',
  euc_jp: 'euc-jp', eucjp: 'euc-jp', euc_jisx0213: 'euc-jp', euc_jis_2004: 'euc-jp',
  iso2022_jp: 'iso-2022-jp', 'iso-2022-jp-2': 'iso-2022-jp', csiso2022jp: 'iso-2022-jp',
  gb2312: 'gbk', euc_cn: 'gbk', cp936: 'gbk', ks_c_5601_1987: 'euc-kr', euc_kr: 'euc-kr', cp949: 'euc-kr',
  cp866: 'ibm866', koi8_r: 'koi8-r', koi8_u: 'koi8-u', 'x-unknown': 'utf-8', 'unknown-8bit': 'utf-8',
  utf_16: 'utf-16', utf16: 'utf-16', utf_16_le: 'utf-16le', utf_16_be: 'utf-16be',
  utf_32: 'utf-32', utf32: 'utf-32', utf_32_le: 'utf-32le', utf_32_be: 'utf-32be',
};

/** The decoder name for a charset label, or undefined when unknown (Python: LookupError). */
export function charsetName(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const key = label.trim().toLowerCase().replace(/^"|"$/g, '');
  const name = ALIASES[key] ?? ALIASES[key.replaceAll('-', '_')] ?? key;
  if (['latin1', 'ascii', 'utf-16', 'utf-32', 'utf-32le', 'utf-32be'].includes(name)) return name;
  try {
    new TextDecoder(name);
    return name;
  } catch {
    return undefined;
  }
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, errors: DecodeErrors): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      if (errors === 'replace') out += '\ufffd';
    } else out += String.fromCodePoint(cp);
  }
  if (bytes.length % 4 && errors === 'replace') out += '\ufffd';
  return out;
}

/**
 * Decodes bytes like Python's bytes.decode(charset, errors). Unknown charsets
 * fall back to UTF-8 (as email's get_content does). Python's utf-16/utf-32
 * read a BOM and strip it; without one they assume little-endian.
 */
export function decodeText(bytes: Uint8Array, charset: string | undefined, errors: DecodeErrors = 'replace'): string {
  let name = charsetName(charset) ?? 'utf-8';
  let data = bytes;
  if (name === 'utf-16' || name === 'utf-32') {
    const width = name === 'utf-16' ? 2 : 4;
    const bigEndianBom = width === 2 ? [0xfe, 0xff] : [0, 0, 0xfe, 0xff];
    const littleBom = width === 2 ? [0xff, 0xfe] : [0xff, 0xfe, 0, 0];
    const starts = (bom: number[]): boolean => bom.every((b, i) => bytes[i] === b);
    const big = starts(bigEndianBom) && !(width === 4 && starts(littleBom));
    if (big || starts(littleBom)) data = bytes.subarray(width);
    name = `${name}${big ? 'be' : 'le'}`;
  }
  if (name === 'latin1') return Buffer.from(data).toString('latin1');
  if (name === 'ascii') {
    let out = '';
    for (const b of data) out += b < 0x80 ? String.fromCharCode(b) : errors === 'replace' ? '\ufffd' : '';
    return out;
  }
  if (name === 'utf-32le' || name === 'utf-32be') return decodeUtf32(data, name === 'utf-32le', errors);
  // Python's utf-8 codec keeps a BOM (only utf-8-sig drops it).
  const text = new TextDecoder(name, { ignoreBOM: true }).decode(data);
  return errors === 'ignore' ? text.replaceAll('\ufffd', '') : text;
}
