import { open } from 'node:fs/promises';

/**
 * A cheap look at a zip's central directory before the reader starts (in a worker thread, by the same
 * directory: xlsx-parts.ts), so that a file that has no complete directory, or no workbook where every
 * writer puts it, is turned away here at once with a clear reason. So is a zip bomb:
 * a few megabytes that unpack to gigabytes (a shared-strings part of 100 million empty strings) would
 * fill the server's memory, so the sizes the directory declares are bounded — in all, per part against
 * its packed size, and for the shared strings, which the reader keeps in memory. A directory that lies
 * about sizes is caught as the reader unpacks (yauzl checks each part against its declared size), and by
 * its own bounds (the shared-strings count, the worker's heap).
 */
export type ZipVerdict = 'ok' | 'broken' | 'not_xlsx' | 'too_big';

export const ZIP_LIMITS = {
  /** All parts unpacked: a 100,000-row roster is about 60 MB of XML; ten times that is still a sheet. */
  totalBytes: 1024 * 1024 * 1024,
  /** The shared strings are held in memory while the sheet is read. */
  sharedStringsBytes: 128 * 1024 * 1024,
  /** Sheet XML packs about 5–30 to 1; a part over 8 MB packed beyond this is built to expand. */
  ratio: 200,
  ratioFromBytes: 8 * 1024 * 1024,
};

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;

export async function checkXlsxZip(path: string): Promise<ZipVerdict> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < 22) return 'broken';
    // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (≤ 64 KiB).
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return 'broken';
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    // ZIP64 files mark these 0xFFFF…; a resident sheet never needs ZIP64, and Excel writes it only past 4 GiB.
    if (dirOffset + dirSize > size || dirSize > 64 * 1024 * 1024) return 'broken';
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    let at = 0;
    let hasWorkbook = false;
    let total = 0;
    let tooBig = false;
    for (let n = 0; n < entries; n++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== CDH_SIG) return 'broken';
      const nameLen = dir.readUInt16LE(at + 28);
      const extraLen = dir.readUInt16LE(at + 30);
      const commentLen = dir.readUInt16LE(at + 32);
      const name = dir.toString('utf8', at + 46, at + 46 + nameLen);
      if (name === 'xl/workbook.xml') hasWorkbook = true;
      const packed = dir.readUInt32LE(at + 20);
      const unpacked = dir.readUInt32LE(at + 24);
      total += unpacked;
      // 0xFFFFFFFF: a ZIP64 size (over 4 GiB) is far past every bound.
      if (
        unpacked === 0xffffffff ||
        total > ZIP_LIMITS.totalBytes ||
        (name === 'xl/sharedStrings.xml' && unpacked > ZIP_LIMITS.sharedStringsBytes) ||
        (unpacked > ZIP_LIMITS.ratioFromBytes && unpacked > Math.max(packed, 1) * ZIP_LIMITS.ratio)
      ) {
        tooBig = true;
      }
      at += 46 + nameLen + extraLen + commentLen;
    }
    if (!hasWorkbook) return 'not_xlsx';
    return tooBig ? 'too_big' : 'ok';
  } finally {
    await fh.close();
  }
}
