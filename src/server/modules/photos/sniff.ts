import type { PHOTO_TYPES } from '../../../domain/photos/api';

/**
 * What kind of image the bytes are, read from their first bytes — never from the name or the type the
 * browser claims, which the sender chooses. Anything else (an SVG, which can carry script; a PDF; a renamed
 * executable) is not a photo.
 */
export function imageTypeOf(bytes: Uint8Array): (typeof PHOTO_TYPES)[number] | null {
  const at = (i: number, ...b: number[]) => b.every((v, k) => bytes[i + k] === v);
  if (bytes.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  // RIFF <size> WEBP
  if (bytes.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}
