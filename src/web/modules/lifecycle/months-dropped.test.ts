/** The whole months a retention run dropped read as months in both languages, never as the table's name. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { monthsDroppedText } from './months-dropped';

const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(here, '../../app/locales', name), 'utf8'));

async function tIn(lng: 'zh-CN' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: { en: { translation: load('en.json') }, 'zh-CN': { translation: load('zh-CN.json') } },
    interpolation: { escapeValue: false },
  });
  return i18n.t.bind(i18n);
}

describe('months dropped by a retention run', () => {
  const months = [
    { partition: 'sampling_bindings_y2026m08', rows: 1234 },
    { partition: 'sampling_bindings_y2026m09', rows: 5 },
  ];
  it('names each month and its rows, in Chinese and in English', async () => {
    expect(monthsDroppedText(months, await tIn('zh-CN'))).toBe('2026年8月（1234 条）、2026年9月（5 条）');
    expect(monthsDroppedText(months, await tIn('en'))).toBe('2026-08 (1234 rows), 2026-09 (5 rows)');
  });
  it('shows a dash when none was dropped, and never a table name', async () => {
    const t = await tIn('zh-CN');
    expect(monthsDroppedText(undefined, t)).toBe('—');
    expect(monthsDroppedText([], t)).toBe('—');
    expect(monthsDroppedText([{ partition: 'odd_name', rows: 3 }], t)).toBe('3 条');
  });
});
