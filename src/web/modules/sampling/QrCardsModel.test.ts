import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { parseScan } from '../../../domain/sampling/rules';
import {
  BATCH_CAP,
  CARD,
  QUIET_ZONE,
  SHEET,
  batchParts,
  cardGrid,
  chunk,
  householdCards,
  nameSizeMm,
  pagesOfPart,
  printable,
  qrPath,
  residentCard,
} from './QrCardsModel';

const person = (id: number, status = 'present') => ({
  id,
  name: `P${id}`,
  idNumber: '4201**********1234',
  householdAddress: 'No. 1',
  areaName: 'Grid 1',
  status,
});

describe('cards', () => {
  it("carry the desk's own code: what is printed is what the desk reads", () => {
    const card = residentCard(person(42));
    expect(card.code).toBe('WG:R:42');
    expect(parseScan(card.code)).toEqual({ residentId: 42 });
    expect(card.idNumber).toBe('4201**********1234');
  });

  it('falls back to the area when a person has no household address', () => {
    expect(residentCard({ ...person(1), householdAddress: null }).address).toBe('Grid 1');
  });

  it('put the household group code first, then one card per member, leaving out the moved-out and deceased', () => {
    const cards = householdCards({ id: 7, address: 'No. 7', members: [person(1), person(2, 'moved_out'), person(3, 'away'), person(4, 'deceased')] });
    expect(cards.map((c) => c.code)).toEqual(['WG:H:7', 'WG:R:1', 'WG:R:3']);
    expect(parseScan(cards[0].code)).toEqual({ householdId: 7 });
    expect(cards[0].members).toEqual(['P1', 'P3']);
    expect(printable({ status: 'moved_out' })).toBe(false);
  });
});

describe('sheet layout', () => {
  it('prints short names largest and long ones smaller, counting characters rather than UTF-16 units', () => {
    expect(nameSizeMm('\u738b\u82b3')).toBe(8);
    expect(nameSizeMm('\u{20000}\u{20001}\u{20002}\u{20003}')).toBe(8);
    expect(nameSizeMm('\u963f\u4e0d\u90fd\u70ed\u5408\u66fc')).toBe(6.5);
    expect(nameSizeMm('Abdurehim Memet')).toBe(4);
  });

  it('fits two columns of five bank-card-sized cards on A4, and the cards with their gutters stay inside the margins', () => {
    const g = cardGrid();
    expect(g).toEqual({ cols: 2, rows: 5, perPage: 10 });
    expect(g.cols * CARD.width + (g.cols - 1) * SHEET.gap).toBeLessThanOrEqual(SHEET.width - 2 * SHEET.margin);
    expect(g.rows * CARD.height + (g.rows - 1) * SHEET.gap).toBeLessThanOrEqual(SHEET.height - 2 * SHEET.margin);
  });

  it('never lays out fewer than one card, even on a sheet too small', () => {
    expect(cardGrid({ width: 50, height: 50, margin: 5, gap: 2 }).perPage).toBe(1);
  });

  it('chunks cards into sheets, the last one partly filled', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 10)).toEqual([]);
  });
});

describe('batches', () => {
  it('split a big area into parts of at most the cap', () => {
    expect(batchParts(0)).toEqual([]);
    expect(batchParts(BATCH_CAP)).toEqual([{ part: 1, from: 1, to: BATCH_CAP }]);
    expect(batchParts(850, 400)).toEqual([
      { part: 1, from: 1, to: 400 },
      { part: 2, from: 401, to: 800 },
      { part: 3, from: 801, to: 850 },
    ]);
  });

  it('read each part from the list pages that hold exactly its people', () => {
    expect(pagesOfPart(1, 400, 200)).toEqual([1, 2]);
    expect(pagesOfPart(3, 400, 200)).toEqual([5, 6]);
    // The part's people are pages × page size: person 801 is the first of page 5.
    expect((pagesOfPart(3, 400, 200)[0] - 1) * 200 + 1).toBe(batchParts(850, 400)[2].from);
  });
});

describe('qrPath', () => {
  it('draws each run of dark modules in a row as one rectangle', () => {
    const grid = ['##.', '.#.', '###'];
    expect(qrPath(3, (r, c) => grid[r][c] === '#')).toBe('M0 0h2v1h-2zM1 1h1v1h-1zM0 2h3v1h-3z');
    expect(qrPath(2, () => false)).toBe('');
  });

  it('covers exactly the dark modules of a real symbol', () => {
    const qr = QRCode.create('WG:R:123456', { errorCorrectionLevel: 'M' });
    const { size, data } = qr.modules;
    const path = qrPath(size, (r, c) => data[r * size + c] === 1);
    const area = [...path.matchAll(/h(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(area).toBe(data.reduce((n, v) => n + v, 0));
    // The three finder patterns: a 7-module dark run on the top row at the left and the right.
    expect(path.startsWith('M0 0h7v1h-7z')).toBe(true);
  });

  it("decodes, as drawn on the card with its quiet zone, to the code the desk parses (read by ZXing, the desk camera's reader)", async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    prepareZXingModule({
      overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer },
      fireImmediately: true,
    });
    const card = residentCard(person(20002));
    const { modules } = QRCode.create(card.code, { errorCorrectionLevel: 'M' });
    // Rasterise the path as the printer would: 6 px per module, white outside the dark runs.
    const px = 6;
    const side = (modules.size + 2 * QUIET_ZONE) * px;
    const data = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const m of qrPath(modules.size, (r, c) => modules.get(r, c) === 1).matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      const [x, y, w] = [Number(m[1]) + QUIET_ZONE, Number(m[2]) + QUIET_ZONE, Number(m[3])];
      for (let row = y * px; row < (y + 1) * px; row++) data.fill(0, (row * side + x * px) * 4, (row * side + (x + w) * px) * 4);
    }
    // Black pixels keep alpha 255: refill it after the fill above zeroed whole pixels.
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
    const image = { data, width: side, height: side, colorSpace: 'srgb' } as ImageData;
    const [read] = await readBarcodes(image, { formats: ['QRCode'] });
    expect(read?.text).toBe('WG:R:20002');
    expect(parseScan(read.text)).toEqual({ residentId: 20002 });
  });
});
