import { describe, expect, it } from 'vitest';
import { ScanFilter, cameraProblem } from './camera';

describe('ScanFilter: a code in view acts once', () => {
  it('lets a new code through and holds the same code while it stays in view', () => {
    const f = new ScanFilter(2500);
    expect(f.accept('WG:R:12', 0)).toBe(true);
    // The phone still sees the card every 200 ms for 10 s: nothing more.
    for (let t = 200; t <= 10_000; t += 200) expect(f.accept('WG:R:12', t)).toBe(false);
  });

  it('lets the same code through again after it has been out of sight for the quiet time', () => {
    const f = new ScanFilter(2500);
    expect(f.accept('TUBE0001', 0)).toBe(true);
    expect(f.accept('TUBE0001', 2000)).toBe(false);
    expect(f.accept('TUBE0001', 4600)).toBe(true);
  });

  it('treats different codes separately and ignores blanks', () => {
    const f = new ScanFilter(2500);
    expect(f.accept('A1234567', 0)).toBe(true);
    expect(f.accept('B1234567', 100)).toBe(true);
    expect(f.accept(' A1234567 ', 200)).toBe(false);
    expect(f.accept('   ', 300)).toBe(false);
  });
});

describe('cameraProblem', () => {
  it('names the reason from the browser error', () => {
    const secure = Object.getOwnPropertyDescriptor(globalThis, 'window');
    Object.defineProperty(globalThis, 'window', { value: { isSecureContext: true }, configurable: true });
    try {
      expect(cameraProblem({ name: 'NotAllowedError' })).toBe('denied');
      expect(cameraProblem({ name: 'NotFoundError' })).toBe('none');
      expect(cameraProblem({ name: 'NotReadableError' })).toBe('busy');
      expect(cameraProblem(new Error('x'))).toBe('other');
      Object.defineProperty(globalThis, 'window', { value: { isSecureContext: false }, configurable: true });
      expect(cameraProblem({ name: 'NotAllowedError' })).toBe('insecure');
    } finally {
      if (secure) Object.defineProperty(globalThis, 'window', secure);
      else delete (globalThis as { window?: unknown }).window;
    }
  });
});
