import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { describe, expect, it } from 'vitest';
import { mulberry32 as randomOf } from '../../../domain/random';
import { type CsvReading, csvRecords } from './csv-records';

/**
 * The hand-split lines must read every file exactly as csv-parse reads it (the records, their line numbers, and
 * where a record too long is refused), whatever the file holds and however it arrives in chunks: a quote, a line
 * end of another kind or a stray break hands the rest to csv-parse itself.
 */
type Outcome = { records: Array<{ line: number; record: string[] }> } | { failsAt: number | undefined };

async function byCsvParseAlone(text: string, o: CsvReading): Promise<Outcome> {
  const records: Array<{ line: number; record: string[] }> = [];
  const parser = Readable.from([Buffer.from(text)]).pipe(
    parse({
      bom: true,
      delimiter: o.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: o.maxRecordChars,
      info: true,
    }),
  );
  try {
    for await (const r of parser) records.push({ line: r.info.lines, record: r.record });
  } catch (e) {
    return { failsAt: (e as { lines?: number }).lines };
  }
  return { records };
}

async function byCsvRecords(chunks: Array<Buffer | string>, o: CsvReading): Promise<Outcome> {
  const records: Array<{ line: number; record: string[] }> = [];
  try {
    for await (const batch of csvRecords(Readable.from(chunks, { objectMode: true }), o)) records.push(...batch);
  } catch (e) {
    return { failsAt: (e as { lines?: number }).lines };
  }
  return { records };
}

/** The file in chunks cut at random bytes: inside a \r\n, inside a character of three bytes. */
function chunked(text: string, random: () => number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * 40);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

const reading: CsvReading = { delimiter: ',', maxRecordChars: 30 };

describe('csv records', () => {
  it('reads plain files exactly as csv-parse does: line ends, empty lines, a mark at the start, no end at the end', async () => {
    const files = [
      '\uFEFF管码,结果\r\nA1, 阴性 \r\n\r\n   \r\nA2,阳性,多余\r\n,\r\nA3',
      '管码\t结果\nA1\t阴性\n\n\nA2\t阳性\n',
      '一,二\r\n三,四\r\n',
      '',
      '\r\n\r\n',
      'only one line',
    ];
    for (const text of files) {
      const o = { ...reading, delimiter: text.includes('\t') ? '\t' : ',' };
      const alone = await byCsvParseAlone(text, o);
      expect(await byCsvRecords([text], o)).toEqual(alone);
      expect(await byCsvRecords(chunked(text, randomOf(text.length)), o)).toEqual(alone);
    }
  });

  it('hands the rest of a file to csv-parse at a quote, a lone \\r or a stray line break, its lines numbered on', async () => {
    const plain = Array.from({ length: 1200 }, (_, i) => `A${i},阴性`).join('\r\n');
    const files = [
      `${plain}\r\n"B1","东关村\r\n3号"\r\nB2,阳性\r\n`,
      `"引号在先",x\r\n${plain}`,
      `${plain}\nB1,stray line feed\r\nB2,x\r\n`,
      `C1,x\rC2,y\rC3,z`,
      `C1,x\nC2,y\r\nC3,z\n`,
      `${plain}\r\nB1,ends with a lone carriage return\r`,
    ];
    for (const text of files) {
      const alone = await byCsvParseAlone(text, { ...reading, maxRecordChars: 1000 });
      expect('records' in alone && alone.records.length).toBeGreaterThan(2);
      expect(await byCsvRecords(chunked(text, randomOf(7)), { ...reading, maxRecordChars: 1000 })).toEqual(alone);
    }
  });

  it('refuses a record too long at the line csv-parse names, and a line that never ends', async () => {
    for (const len of [29, 30, 31, 32, 33]) {
      const text = `a,b\r\n${'x'.repeat(len)}\r\nc,d\r\n`;
      expect(await byCsvRecords([text], reading), `a record of ${len}`).toEqual(await byCsvParseAlone(text, reading));
      const split = `a,b\r\n${'x,'.repeat(len / 2)}\r\nc,d\r\n`;
      expect(await byCsvRecords([split], reading), `fields adding to ${len}`).toEqual(await byCsvParseAlone(split, reading));
    }
    const endless = ['a,b\n', ...Array.from({ length: 10 }, () => 'y'.repeat(20))];
    expect(await byCsvRecords(endless, reading)).toEqual({ failsAt: 2 });
  });

  // Seeded (domain/random.ts): a failure names a seed that repeats it.
  it('agrees with csv-parse on random files of commas, quotes, spaces, Chinese and every kind of line end', async () => {
    const parts = ['a', 'b', '张', '村', ',', ',', ' ', '\r\n', '\r\n', '\r\n', '\n', '\r', '"', '\t'];
    for (let seed = 1; seed <= 300; seed++) {
      const random = randomOf(seed);
      const quoteFree = seed % 3 !== 0;
      let text = '';
      const length = 20 + Math.floor(random() * 400);
      while (text.length < length) {
        const part = parts[Math.floor(random() * parts.length)];
        if ((quoteFree && part === '"') || (seed % 2 === 0 && (part === '\r' || part === '\n'))) continue;
        text += part;
      }
      const o = { delimiter: ',', maxRecordChars: 40 };
      expect(await byCsvRecords(chunked(text, random), o), `seed ${seed}: ${JSON.stringify(text)}`).toEqual(await byCsvParseAlone(text, o));
    }
  });
});
