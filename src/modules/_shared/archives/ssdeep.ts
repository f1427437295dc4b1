/**
 * ssdeep (context-triggered piecewise hash), as libfuzzy's fuzzy_hash_buf
 * computes it (ssdeep 2.13+: several block sizes in one pass, truncated
 * second part, no sequence elimination). PyMISP adds it to file objects
 * through pydeep; the output matches the `ssdeep` command.
 */
const ROLLING_WINDOW = 7;
const MIN_BLOCKSIZE = 3;
const SPAMSUM_LENGTH = 64;
const NUM_BLOCKHASHES = 31;
// FNV-style sum hash reduced to the 6 bits that reach the digest.
const HASH_INIT = 0x27;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const sumHash = (c: number, h: number): number => ((h * 0x13) ^ c) & 0x3f;
const blockSize = (index: number): number => MIN_BLOCKSIZE * 2 ** index;

interface BlockHash {
  digest: string[];
  dindex: number;
  halfdigest: string;
  h: number;
  halfh: number;
}

const newBlock = (h = HASH_INIT, halfh = HASH_INIT): BlockHash => ({ digest: [], dindex: 0, halfdigest: '', h, halfh });

export function ssdeep(data: Uint8Array): string {
  const total = data.length;
  const window = new Uint8Array(ROLLING_WINDOW);
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let n = 0;
  const bh: BlockHash[] = [newBlock()];
  let bhstart = 0;
  let bhend = 1;

  const fork = (): void => {
    if (bhend >= NUM_BLOCKHASHES) return;
    const previous = bh[bhend - 1]!;
    bh[bhend] = newBlock(previous.h, previous.halfh);
    bhend++;
  };
  const reduce = (): void => {
    if (bhend - bhstart < 2) return;
    if (blockSize(bhstart) * SPAMSUM_LENGTH >= total) return;
    if (bh[bhstart + 1]!.dindex < SPAMSUM_LENGTH / 2) return;
    bhstart++;
  };

  for (let k = 0; k < total; k++) {
    const c = data[k]!;
    h2 = (h2 - h1 + ROLLING_WINDOW * c) >>> 0;
    h1 = (h1 + c - window[n % ROLLING_WINDOW]!) >>> 0;
    window[n % ROLLING_WINDOW] = c;
    n++;
    h3 = ((h3 << 5) ^ c) >>> 0;
    const h = (h1 + h2 + h3) >>> 0;

    for (let i = bhstart; i < bhend; i++) {
      const b = bh[i]!;
      b.h = sumHash(c, b.h);
      b.halfh = sumHash(c, b.halfh);
    }
    for (let i = bhstart; i < bhend; i++) {
      const bs = blockSize(i);
      if (h % bs !== bs - 1) break;
      const b = bh[i]!;
      if (b.dindex === 0) fork();
      b.digest[b.dindex] = B64[b.h]!;
      b.halfdigest = B64[b.halfh]!;
      if (b.dindex < SPAMSUM_LENGTH - 1) {
        b.dindex++;
        b.digest.length = b.dindex;
        b.h = HASH_INIT;
        if (b.dindex < SPAMSUM_LENGTH / 2) {
          b.halfh = HASH_INIT;
          b.halfdigest = '';
        }
      } else {
        reduce();
      }
    }
  }

  const rollSum = (h1 + h2 + h3) >>> 0;
  let bi = bhstart;
  while (blockSize(bi) * SPAMSUM_LENGTH < total) bi++;
  while (bi >= bhend) bi--;
  while (bi > bhstart && bh[bi]!.dindex < SPAMSUM_LENGTH / 2) bi--;

  const first = bh[bi]!;
  let result = `${blockSize(bi)}:${first.digest.slice(0, first.dindex).join('')}`;
  if (rollSum !== 0) result += B64[first.h];
  else if (first.digest[first.dindex]) result += first.digest[first.dindex];
  result += ':';
  if (bi < bhend - 1) {
    const second = bh[bi + 1]!;
    const length = Math.min(second.dindex, SPAMSUM_LENGTH / 2 - 1);
    result += second.digest.slice(0, length).join('');
    if (rollSum !== 0) result += B64[second.halfh];
    else result += second.halfdigest;
  } else if (rollSum !== 0 && bi === 0) {
    result += B64[first.h];
  }
  return result;
}
