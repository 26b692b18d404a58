import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';

/**
 * Long work on a request's data without holding the event loop: a file of thousands of rows is
 * read and checked in slices of a few milliseconds, each followed by a turn of the event loop, so
 * the server keeps answering other requests (health checks, pages, commands) meanwhile.
 */

/** The longest stretch of work between two turns of the event loop. */
export const SLICE_MS = 8;
/** Characters of the file handed to the parser at a time. */
const CHUNK_CHARS = 32 * 1024;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Call `maybeYield()` before each piece of work: it gives the event loop a turn every SLICE_MS. */
export class Slicer {
  private since = performance.now();

  async maybeYield(): Promise<void> {
    if (performance.now() - this.since < SLICE_MS) return;
    await turn();
    this.since = performance.now();
  }
}

/** The file in pieces, never cutting between the two halves of a surrogate pair. */
function* chunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + CHUNK_CHARS, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield text.slice(at, end);
    at = end;
  }
}

/**
 * The rows of a CSV file with a header line, as objects keyed by column (values trimmed, lines
 * ending in \r\n, \n or \r, mixed as a spreadsheet and an editor leave them, blank
 * lines and a byte-order mark skipped). Stops reading after `limit` rows. Throws the parser's
 * error for a file that is not CSV.
 */
export async function readCsv(text: string, limit: number): Promise<Record<string, string>[]> {
  const parser = Readable.from(chunks(text)).pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'] }));
  const records: Record<string, string>[] = [];
  const slicer = new Slicer();
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    records.push(record);
    if (records.length >= limit) {
      parser.destroy();
      break;
    }
    await slicer.maybeYield();
  }
  return records;
}
