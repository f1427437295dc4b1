/**
 * Streams the rows of a CSV text with csv-parse, feeding it in slices and
 * handing the event loop back every few hundred rows, so that a 100,000-row
 * file does not stall the other queries the server is answering.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { lazyRequire } from '../../../core/lazy-require.js';

const csvParse = lazyRequire<typeof import('csv-parse')>('csv-parse');
import { CSV_MESSAGES } from './messages.js';

export interface CsvRow {
  /** Cells, trimmed. */
  readonly cells: readonly string[];
  /** 1-based line of the file where the row ends. */
  readonly line: number;
}

const SLICE = 64 * 1024;
const ROWS_PER_TURN = 500;

/** The text in slices, never cutting a UTF-16 surrogate pair in two. */
function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield text.slice(start, end);
    start = end;
  }
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Rows of the text, as Python's csv module would see them for MISP: blank
 * rows and rows whose first cell starts with `#` are left out.
 */
export async function* csvRows(text: string, delimiter: string, signal?: AbortSignal): AsyncGenerator<CsvRow> {
  const { parse } = csvParse();
  const parser = parse({
    delimiter,
    info: true,
    // The importer checks row lengths itself, against the header.
    relax_column_count: true,
    // Quotes inside unquoted cells are kept, as Python's csv does.
    relax_quotes: true,
    trim: true,
    skip_empty_lines: true,
  });
  // Errors reach the loop below through the parser; this only avoids an unhandled rejection.
  const feeding = pipeline(Readable.from(slices(text), { objectMode: false }), parser).catch(() => undefined);
  let count = 0;
  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) {
      if (++count % ROWS_PER_TURN === 0) {
        await nextMacrotask();
        signal?.throwIfAborted();
      }
      const cells = item.record.map((cell) => cell.trim());
      if (cells.every((cell) => cell === '') || cells[0]!.startsWith('#')) continue;
      yield { cells, line: item.info.lines };
    }
  } catch (error) {
    if (error instanceof csvParse().CsvError) {
      throw CSV_MESSAGES.error('notCsv', { reason: error.message }, { cause: error });
    }
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
}
