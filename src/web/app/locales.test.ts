/**
 * Guards the translations: both locale files have exactly the same (deep) keys, and every
 * literal key used in the web sources — t('a.b'), i18n.t('a.b'), labelKey: 'a.b' — exists in both.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = join(here, '..');

type Json = { [k: string]: Json | string };
const load = (name: string) => JSON.parse(readFileSync(join(here, 'locales', name), 'utf8')) as Json;
const locales = { 'zh-CN': load('zh-CN.json'), en: load('en.json') };

/** Every leaf key, dotted: { a: { b: 'x' } } → ['a.b']. */
function leafKeys(obj: Json, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : leafKeys(v, `${prefix}${k}.`)));
}

function lookup(obj: Json, key: string): Json | string | undefined {
  let cur: Json | string | undefined = obj;
  for (const part of key.split('.')) {
    if (cur === undefined || typeof cur === 'string') return undefined;
    cur = cur[part];
  }
  return cur;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = sourceFiles(webRoot).map((path) => ({ path: relative(webRoot, path), text: readFileSync(path, 'utf8') }));

/** Literal keys: t('x.y') / t("x.y") (also i18n.t), and labelKey: 'x.y' in the module list. */
function usedKeys(): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  const patterns = [/\bt\(\s*(['"])([A-Za-z0-9_.-]+)\1/g, /\blabelKey:\s*(['"])([A-Za-z0-9_.-]+)\1/g];
  for (const { path, text } of sources) {
    for (const re of patterns) for (const m of text.matchAll(re)) found.push({ key: m[2], file: path });
  }
  return found;
}

/** Dynamic keys: t(`kind.${k}`) — the static prefix must name an object in both files. */
function usedPrefixes(): { prefix: string; file: string }[] {
  const found: { prefix: string; file: string }[] = [];
  for (const { path, text } of sources) {
    for (const m of text.matchAll(/\bt\(\s*`([A-Za-z0-9_.-]+)\.\$\{/g)) found.push({ prefix: m[1], file: path });
  }
  return found;
}

describe('locale files', () => {
  const zhKeys = leafKeys(locales['zh-CN']);
  const enKeys = leafKeys(locales.en);

  it('have the same keys in Chinese and English', () => {
    expect(
      zhKeys.filter((k) => !enKeys.includes(k)),
      'in zh-CN.json but not en.json',
    ).toEqual([]);
    expect(
      enKeys.filter((k) => !zhKeys.includes(k)),
      'in en.json but not zh-CN.json',
    ).toEqual([]);
  });

  it('have no empty translations', () => {
    for (const [lang, obj] of Object.entries(locales)) {
      const empty = leafKeys(obj).filter((k) => !String(lookup(obj, k)).trim());
      expect(empty, `empty values in ${lang}`).toEqual([]);
    }
  });

  it('contain every literal key used in the sources', () => {
    const used = usedKeys();
    expect(used.length).toBeGreaterThan(20); // the scan itself works
    for (const [lang, obj] of Object.entries(locales)) {
      const missing = used.filter(({ key }) => typeof lookup(obj, key) !== 'string').map(({ key, file }) => `${key} (${file})`);
      expect([...new Set(missing)], `missing in ${lang}`).toEqual([]);
    }
  });

  it('contain the groups that dynamic keys are built from', () => {
    for (const [lang, obj] of Object.entries(locales)) {
      const missing = usedPrefixes().filter(({ prefix }) => typeof lookup(obj, prefix) !== 'object');
      expect(
        missing.map(({ prefix, file }) => `${prefix} (${file})`),
        `missing groups in ${lang}`,
      ).toEqual([]);
    }
  });

  it('label every permission of the platform', async () => {
    const { ALL_PERMISSIONS } = await import('../../domain/auth/permissions');
    for (const [lang, obj] of Object.entries(locales)) {
      const missing = ALL_PERMISSIONS.filter((p) => typeof lookup(obj, `perm.${p}`) !== 'string');
      expect(missing, `perm.* missing in ${lang}`).toEqual([]);
    }
  });
});

describe('web sources', () => {
  it('have no hard-coded Chinese in TSX except the product name', () => {
    const offenders: string[] = [];
    for (const { path, text } of sources.filter((s) => s.path.endsWith('.tsx'))) {
      text.split('\n').forEach((line, i) => {
        // Comments may explain things in Chinese; the product name 网格 (and its 网 logo) is allowed.
        // A line of a multi-line block comment (` * …`, `/**`) is a comment too.
        const inBlockComment = /^\s*(\*|\/\*)/.test(line);
        const code = inBlockComment ? '' : line.replace(/\/\/.*$|\/\*.*?\*\/|\{\/\*.*?\*\/\}/g, '').replace(/网格|网/g, '');
        if (/[\u3400-\u9fff]/.test(code)) offenders.push(`${path}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
