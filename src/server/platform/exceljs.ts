import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSType from 'exceljs';

/**
 * ExcelJS, with one fix applied before it loads. Its XML reader (lib/utils/parse-sax.js, 4.4.0)
 * decodes every chunk of an inflated zip entry on its own, so a Chinese character whose UTF-8 bytes
 * straddle two chunks turns into "��" — a few cells in every large sheet ('外出' read as '外��').
 * We put a reader that decodes across chunks in its place in the module cache, so every ExcelJS
 * module that requires it gets this one. Take ExcelJS from here (`excelJs()`), never from 'exceljs' directly.
 * Imports no longer read sheets through it (spreadsheets/sheet-xml.ts decodes across chunks itself, and
 * sheet-xml.test.ts cuts its input at every byte); the workbook's own parts (its sheet names) and any workbook
 * ExcelJS loads still are.
 */
const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const { SaxesParser } = require('saxes') as typeof import('saxes');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(iterable: AsyncIterable<Buffer | Uint8Array | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (err) => (error = err));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length) yield events;
}

let loaded: typeof ExcelJSType | null = null;

/**
 * ExcelJS, loaded (with the fix) at its first use: about 17 MB that a server which never reads or writes a workbook
 * (each of several processes, most of the day) does not carry.
 */
export function excelJs(): typeof ExcelJSType {
  if (loaded) return loaded;
  if (require.cache[require.resolve('exceljs')]) {
    throw new Error('exceljs was loaded before src/server/platform/exceljs.ts could fix its XML reader');
  }
  require(parseSaxPath);
  require.cache[parseSaxPath]!.exports = parseSax;
  loaded = require('exceljs') as typeof ExcelJSType;
  return loaded;
}
export type { AddWorksheetOptions, Row, Workbook, Worksheet } from 'exceljs';
