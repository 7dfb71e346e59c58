import { describe, expect, it } from 'vitest';
import { OWASP_COST, hashPassword, needsRehash, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('hash at OWASP’s scrypt cost (N=2^17, r=8, p=1) by default, with the cost in the stored string', async () => {
    expect(OWASP_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const h = await hashPassword('Correct-Horse-9');
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('Correct-Horse-9', h)).toBe(true);
    expect(await verifyPassword('Correct-Horse-8', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('still verify hashes made at the old cost, and ask for a rehash', async () => {
    const old = await hashPassword('Correct-Horse-9', { N: 16384, r: 8, p: 1 });
    expect(await verifyPassword('Correct-Horse-9', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuse a corrupt stored hash instead of throwing or asking for gigabytes', async () => {
    expect(await verifyPassword('x', 'scrypt$99999999999$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$x')).toBe(false);
  });
});
