import { open } from 'node:fs/promises';

/**
 * A cheap look at a zip's central directory before the streaming reader starts. The reader trusts the
 * file: on a truncated or foreign zip it waits forever instead of failing, so a file that has no
 * complete directory, or no workbook in it, is turned away here with a clear reason.
 */
export type ZipVerdict = 'ok' | 'broken' | 'not_xlsx';

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
    for (let n = 0; n < entries; n++) {
      if (at + 46 > dir.length || dir.readUInt32LE(at) !== CDH_SIG) return 'broken';
      const nameLen = dir.readUInt16LE(at + 28);
      const extraLen = dir.readUInt16LE(at + 30);
      const commentLen = dir.readUInt16LE(at + 32);
      const name = dir.toString('utf8', at + 46, at + 46 + nameLen);
      if (name === 'xl/workbook.xml') hasWorkbook = true;
      at += 46 + nameLen + extraLen + commentLen;
    }
    return hasWorkbook ? 'ok' : 'not_xlsx';
  } finally {
    await fh.close();
  }
}
