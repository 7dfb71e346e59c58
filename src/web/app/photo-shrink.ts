/**
 * A phone's photo made small enough to send over a poor network before it leaves the device: at most
 * MAX_EDGE pixels on its long side, re-encoded as JPEG. Drawing it anew also drops the file's EXIF block —
 * the GPS position and the phone's serial a camera writes — which the record does not need. The picture is
 * turned upright first (`imageOrientation: 'from-image'`), since the EXIF that said how is gone after.
 */
export const MAX_EDGE = 1600;
const QUALITY = 0.8;

/** The size to draw at: the long side capped at `maxEdge`, the proportions kept, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge = MAX_EDGE): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // Not a picture the browser can draw: sent as it is, and the server says what is wrong with it.
    return file;
  }
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  return blob ?? file;
}
