import { randomBytes, randomInt } from 'node:crypto';

/** Tracking codes: 8 characters without 0/O, 1/I — read aloud over a phone and typed on a small keyboard. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function trackingCode(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}
/** The code the recipient reads out at the door: four digits, given to them at intake. */
export function handoverCode(): string {
  return String(randomInt(0, 10_000)).padStart(4, '0');
}
/** The public page's link token (its QR code). */
export function linkToken(): string {
  return randomBytes(18).toString('base64url');
}
