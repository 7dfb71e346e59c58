import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { Parser as CsvParser } from 'csv-parse';

/**
 * A CSV file's records with their line numbers, in batches. Most files a lab or an office exports have no quotes
 * at all: their lines are split here by hand, about three times faster than csv-parse's byte-by-byte state machine
 * (100,000 lines: ~0.1 s against ~0.4 s of the reader's thread). At the first piece of the file with a quote, a
 * stray line break or a line end of another kind, the rest of the file, from the start of that piece's first line,
 * goes to csv-parse with the same options — so every file reads exactly as csv-parse alone would read it
 * (csv-records.test.ts compares the two on such files).
 */
export interface NumberedRecord {
  record: string[];
  /** The file's line the record ends on: what a person finds it by. */
  line: number;
}

export interface CsvReading {
  delimiter: string;
  /** A record with more characters than this is an error (`lines` on it: where). */
  maxRecordChars: number;
}

/**
 * csv-parse with each record's line number. Its `info` option gives the number too, but copies the parser's whole
 * state into a new object per record: a third of reading a 100,000-row file. The parser pushes each record while
 * its own line count (`info`, kept current) stands at that record, so the number is read from there.
 */
class NumberedCsvParser extends CsvParser {
  override push(record: string[] | null, encoding?: BufferEncoding): boolean {
    if (record === null) return super.push(null, encoding);
    const numbered: NumberedRecord = { record, line: this.info.lines };
    return super.push(numbered, encoding);
  }
}

/** An error of a record, where csv-parse's own would say: `lines`, the caller's way to name the line. */
class RecordError extends Error {
  constructor(readonly lines: number) {
    super(`CSV record at line ${lines} is longer than allowed`);
  }
}

/**
 * Records per batch from csv-parse. A hand-split piece is one batch whatever its lines: it is at most a chunk of the
 * file and a line's start (a few hundred KB), and each batch crosses from the reader's thread as one message, whose
 * cost is mostly fixed: batches of 500 lines made the lab file's 100,000 rows 200 messages, a tenth of the server
 * thread's reading.
 */
const BATCH = 500;

/**
 * The records of `source` (Buffers of UTF-8, or strings already decoded), in batches (see BATCH). Empty lines are
 * skipped but counted.
 */
export async function* csvRecords(source: AsyncIterable<Buffer | string>, o: CsvReading): AsyncGenerator<NumberedRecord[]> {
  const chunks = source[Symbol.asyncIterator]();
  const utf8 = new StringDecoder('utf8');
  const text = (c: Buffer | string) => (typeof c === 'string' ? c : utf8.write(c));
  let pending = '';
  let line = 0;
  let lineEnd: LineEnd | null = null;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    // A piece always starts at a line's start: what follows the last complete line waits for the next chunk.
    const piece = line === 0 && !pending ? text(next.value).replace(/^\uFEFF/, '') : pending + text(next.value);
    if (piece.includes('"')) {
      yield* byCsvParse(piece, chunks, text, line, lineEnd, o);
      return;
    }
    lineEnd ??= lineEndOf(piece);
    if (lineEnd === 'other') {
      yield* byCsvParse(piece, chunks, text, line, null, o);
      return;
    }
    const cut = lineEnd === null ? -1 : piece.lastIndexOf(lineEnd);
    if (cut < 0) {
      pending = waiting(piece, line, o);
      continue;
    }
    const lines = plainLines(piece.slice(0, cut), lineEnd!);
    if (!lines) {
      yield* byCsvParse(piece, chunks, text, line, lineEnd, o);
      return;
    }
    pending = piece.slice(cut + lineEnd!.length);
    const batch: NumberedRecord[] = [];
    for (const l of lines) {
      line++;
      if (l.length !== 0) batch.push({ record: fields(l, line, o), line });
    }
    if (batch.length) yield batch;
  }
  const last = pending + utf8.end();
  if (!last) return;
  if (last.includes('\r') || last.includes('\n')) {
    yield* byCsvParse(last, chunks, text, line, lineEnd, o);
    return;
  }
  yield [{ record: fields(last, line + 1, o), line: line + 1 }];
}

/** How lines end: told by the first line break, as csv-parse tells it; 'other' for a lone \r (old Mac files). */
type LineEnd = '\n' | '\r\n' | 'other';

function lineEndOf(piece: string): LineEnd | null {
  const at = piece.search(/[\r\n]/);
  if (at < 0 || (piece[at] === '\r' && at === piece.length - 1)) return null;
  if (piece[at] === '\n') return '\n';
  return piece[at + 1] === '\n' ? '\r\n' : 'other';
}

/** A piece's lines when each ends as the file's lines do, with no other line break inside; null otherwise. */
function plainLines(body: string, lineEnd: '\n' | '\r\n'): string[] | null {
  const lines = body.split(lineEnd);
  for (const l of lines) if (l.includes('\r') || (lineEnd === '\r\n' && l.includes('\n'))) return null;
  return lines;
}

/**
 * A line's fields, refused past the longest record allowed as csv-parse counts it: its characters without the
 * delimiters, checked before each is added (so one more than the limit still passes).
 */
function fields(l: string, line: number, o: CsvReading): string[] {
  const record = l.split(o.delimiter);
  if (l.length - (record.length - 1) * o.delimiter.length > o.maxRecordChars + 1) throw new RecordError(line);
  return record;
}

/** The start of a line still arriving, unless it is already far longer than any record may be. */
function waiting(rest: string, line: number, o: CsvReading): string {
  if (rest.length > 2 * o.maxRecordChars) throw new RecordError(line + 1);
  return rest;
}

/** The rest of the file through csv-parse, from `piece` (starting at a line's start) on, its lines numbered on from `before`. */
async function* byCsvParse(
  piece: string,
  chunks: AsyncIterator<Buffer | string>,
  text: (c: Buffer | string) => string,
  before: number,
  lineEnd: LineEnd | null,
  o: CsvReading,
): AsyncGenerator<NumberedRecord[]> {
  async function* rest() {
    yield piece;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield text(next.value);
  }
  const source = Readable.from(rest(), { objectMode: false });
  const parser = source.pipe(
    new NumberedCsvParser({
      delimiter: o.delimiter,
      // The line end the hand split already told (csv-parse would tell the same from the file's first line).
      record_delimiter: lineEnd && lineEnd !== 'other' ? lineEnd : undefined,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: o.maxRecordChars,
    }),
  );
  // pipe() does not pass on the file's failure: the parser would wait for more forever.
  source.once('error', (e) => parser.destroy(e));
  let batch: NumberedRecord[] = [];
  try {
    for await (const rec of parser as AsyncIterable<NumberedRecord>) {
      batch.push({ record: rec.record, line: rec.line + before });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (e) {
    const lines = (e as { lines?: number }).lines;
    throw lines ? Object.assign(e as Error, { lines: lines + before }) : e;
  }
  if (batch.length) yield batch;
}
