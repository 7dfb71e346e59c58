/**
 * Draws the app's icons (the glyph 网 in strokes on the brand blue) into src/web/public: the SVG favicon, PNGs
 * for the manifest and iOS, and favicon.ico. The glyph is drawn as paths, not text, so it looks the same on a
 * machine without Chinese fonts. Run once after changing the drawing: `npx tsx tools/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const out = path.resolve(import.meta.dirname, '../src/web/public');
const BLUE = '#1677ff';

/** 冂 and two crosses, on a 100-unit grid; `inset` shrinks it into a maskable icon's safe zone. */
function glyph(scale = 1): string {
  const t = (x: number) => 50 + (x - 50) * scale;
  const line = (x1: number, y1: number, x2: number, y2: number) => `M${t(x1)} ${t(y1)}L${t(x2)} ${t(y2)}`;
  const d = [
    line(26, 24, 26, 84),
    `M${t(26)} ${t(24)}L${t(76)} ${t(24)}L${t(76)} ${t(78)}Q${t(76)} ${t(85)} ${t(68)} ${t(84)}`,
    line(35, 40, 47, 64),
    line(47, 40, 35, 66),
    line(55, 40, 67, 64),
    line(67, 40, 55, 66),
  ].join('');
  return `<path d="${d}" fill="none" stroke="#fff" stroke-width="${6 * scale}" stroke-linecap="round" stroke-linejoin="round"/>`;
}

const rounded = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>网格</title><rect width="100" height="100" rx="18" fill="${BLUE}"/>${glyph()}</svg>`;
// Maskable: the platform cuts its own shape, so the square is full and the glyph stays inside the middle 80 %.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>网格</title><rect width="100" height="100" fill="${BLUE}"/>${glyph(0.72)}</svg>`;

writeFileSync(path.join(out, 'favicon.svg'), rounded + '\n');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
async function png(svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
writeFileSync(path.join(out, 'icon-192.png'), await png(rounded, 192));
writeFileSync(path.join(out, 'icon-512.png'), await png(rounded, 512));
writeFileSync(path.join(out, 'icon-maskable-512.png'), await png(maskable, 512));
writeFileSync(path.join(out, 'apple-touch-icon.png'), await png(maskable, 180));
// favicon.ico: one 32-px PNG in an ICO container (6-byte header, one 16-byte entry, then the PNG).
const small = await png(rounded, 32);
const ico = Buffer.alloc(22);
ico.writeUInt16LE(0, 0);
ico.writeUInt16LE(1, 2);
ico.writeUInt16LE(1, 4);
ico.writeUInt8(32, 6);
ico.writeUInt8(32, 7);
ico.writeUInt16LE(1, 10);
ico.writeUInt16LE(32, 12);
ico.writeUInt32LE(small.length, 14);
ico.writeUInt32LE(22, 18);
writeFileSync(path.join(out, 'favicon.ico'), Buffer.concat([ico, small]));
await browser.close();
