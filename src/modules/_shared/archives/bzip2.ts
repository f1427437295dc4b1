/** bzip2 decompression (seek-bzip, pure JS) under a byte budget. */
import Bunzip from 'seek-bzip';
import { ArchiveError } from './errors.js';
import { ByteBudget } from './limits.js';

class TruncatedInput extends Error {}

/** A growing output buffer that charges the budget as it grows. */
class BudgetedOutput {
  #buffer = new Uint8Array(64 * 1024);
  #pos = 0;

  constructor(
    private readonly budget: ByteBudget,
    private readonly label: string,
  ) {}

  writeByte(byte: number): void {
    if (this.#pos >= this.#buffer.length) {
      const grown = new Uint8Array(this.#buffer.length * 2);
      this.budget.take(this.#buffer.length, this.label);
      grown.set(this.#buffer);
      this.#buffer = grown;
    }
    this.#buffer[this.#pos++] = byte;
  }

  result(): Uint8Array {
    return this.#buffer.subarray(0, this.#pos);
  }
}

export function decompressBzip2(bytes: Uint8Array, budget = new ByteBudget(), label = 'The bzip2 data'): Uint8Array {
  const input = {
    pos: 0,
    readByte(): number {
      if (this.pos >= bytes.length) throw new TruncatedInput();
      return bytes[this.pos++]!;
    },
    read(buffer: Uint8Array, offset: number, length: number): number {
      const count = Math.min(length, bytes.length - this.pos);
      if (count <= 0) return -1;
      buffer.set(bytes.subarray(this.pos, this.pos + count), offset);
      this.pos += count;
      return count;
    },
    seek(pos: number): void {
      this.pos = pos;
    },
    eof(): boolean {
      return this.pos >= bytes.length;
    },
  };
  const output = new BudgetedOutput(budget, label);
  try {
    Bunzip.decode(input, output, true);
  } catch (error) {
    if (error instanceof TruncatedInput) throw new ArchiveError(`${label} is truncated (the bzip2 stream ends early).`);
    if (error instanceof ArchiveError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ArchiveError(`${label} is not valid bzip2 data (${message}).`, { cause: error });
  }
  return output.result();
}
