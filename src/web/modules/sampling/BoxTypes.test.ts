import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import { addScan, mismatchOf, tubeProblems } from './BoxTypes';

describe('a scan into the box list', () => {
  it('normalises like the server, refuses what is no barcode and keeps one of each', () => {
    let r = addScan([], ' abcd-1234 5678\n');
    expect(r).toEqual({ list: ['ABCD12345678'], outcome: { kind: 'added', code: 'ABCD12345678' } });
    r = addScan(r.list, 'ABCD12345678');
    expect(r).toEqual({ list: ['ABCD12345678'], outcome: { kind: 'twice', code: 'ABCD12345678' } });
    r = addScan(r.list, 'WG:R:12345'); // a resident's QR code scanned by mistake
    expect(r.outcome).toEqual({ kind: 'format', raw: 'WG:R:12345' });
    expect(r.list).toEqual(['ABCD12345678']);
  });
});

describe('reading the refusals', () => {
  it('names each refused barcode, with a code the screen translates or the text the server wrote', () => {
    const e = new ApiError(409, 'BOX_TUBES', 'x', { AAAA0001: 'tube_open', AAAA0002: 'other_box', AAAA0003: '不存在或无权访问' });
    expect(tubeProblems(e)).toEqual({ AAAA0001: { code: 'tube_open' }, AAAA0002: { code: 'other_box' }, AAAA0003: { text: '不存在或无权访问' } });
    expect(tubeProblems(new ApiError(409, 'BOX_HANDED_OVER', 'x'))).toBeNull();
  });

  it('turns a count mismatch into the box number against the count, with the missing and extra barcodes', () => {
    // Typed 3, the box holds 2: the server sends the difference.
    expect(mismatchOf(new ApiError(409, 'BOX_COUNT_MISMATCH', 'x', { count: '1' }), 3, null)).toEqual({
      expected: 2,
      counted: 3,
      scanned: null,
      missing: [],
      extra: [],
    });
    // Typed right, but the re-scan missed one and found a stranger.
    const e = new ApiError(409, 'BOX_COUNT_MISMATCH', 'x', { missing: 'AAAA0002', extra: 'BBBB0001,BBBB0002' });
    expect(mismatchOf(e, 2, 3)).toEqual({ expected: 2, counted: 2, scanned: 3, missing: ['AAAA0002'], extra: ['BBBB0001', 'BBBB0002'] });
    expect(mismatchOf(new ApiError(409, 'BOX_TUBES', 'x'), 2, null)).toBeNull();
  });
});
