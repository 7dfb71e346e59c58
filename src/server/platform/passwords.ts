import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt from node:crypto (no native addon to build), at OWASP's recommended cost (N=2^17, r=8, p=1:
 * 128 MiB and a few hundred milliseconds per hash; node runs at most four at once on its thread pool).
 * Stored as `scrypt$N$r$p$salt$hash`, so hashes made at an older cost still verify, and a successful sign-in
 * rehashes them at the current one (`needsRehash`).
 */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export const OWASP_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 32;

let current: ScryptCost = OWASP_COST;

/**
 * Tests lower the cost (each test file signs in many times on a shared machine); the server never does.
 * Production code keeps OWASP_COST.
 */
export function setHashCostForTests(cost: ScryptCost) {
  current = cost;
}

function derive(password: string, salt: Buffer, c: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: c.N, r: c.r, p: c.p, maxmem: 128 * c.N * c.r * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: ScryptCost = current): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

function parse(stored: string) {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A stored hash is ours, but a corrupt row must not make scrypt throw or ask for gigabytes.
  if (![cost.N, cost.r, cost.p].every(Number.isInteger) || cost.N < 2 || cost.N > 2 ** 20 || cost.r > 32 || cost.p > 16) return null;
  return { cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.cost);
  return actual.length === parsed.hash.length && timingSafeEqual(actual, parsed.hash);
}

/** Whether a stored hash was made at a lower cost than today's: rehash it while the password is at hand. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  const c = parsed.cost;
  return c.N * c.r * c.p < current.N * current.r * current.p;
}

/** A hash of a random password at today's cost, verified against when the username does not exist, so timing tells nothing. */
let dummy: { cost: ScryptCost; hash: Promise<string> } | null = null;
export function dummyHash(): Promise<string> {
  if (dummy?.cost !== current) dummy = { cost: current, hash: hashPassword(randomBytes(12).toString('hex')) };
  return dummy.hash;
}
