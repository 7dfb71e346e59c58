/**
 * Every title the server writes by key reads in both languages: each key of domain/tasks/titles.ts has a Chinese
 * and an English text with the same parameters, and an English reader sees no Chinese in a server-made title.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { TASK_TITLE_KEYS } from '../../../domain/tasks/titles';
import { taskTitle } from './task-title';

const here = dirname(fileURLToPath(import.meta.url));
const load = (name: string) => JSON.parse(readFileSync(join(here, '../../app/locales', name), 'utf8'));
const zh = load('zh-CN.json');
const en = load('en.json');
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

describe('server-made task titles', () => {
  it.each(TASK_TITLE_KEYS)('%s has a Chinese and an English text with the same parameters', (key) => {
    const z = zh.tasks.titles[key];
    const e = en.tasks.titles[key];
    expect(typeof z).toBe('string');
    expect(typeof e).toBe('string');
    expect(CJK.test(e)).toBe(false);
    expect(placeholders(e)).toEqual(placeholders(z));
  });

  it('renders in English for an English reader, the stored Chinese title only as the fallback', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: en }, 'zh-CN': { translation: zh } }, interpolation: { escapeValue: false } });
    const t = i18n.t.bind(i18n);
    const fever = { title: '发热预警：钱二 38.5℃', titleKey: 'feverAlert', titleParams: { name: 'Qian Er', temperature: '38.5' } };
    expect(taskTitle(fever, t)).toBe('Fever alert: Qian Er 38.5 °C');
    const staffing = {
      title: '卡点缺岗：北口 2025-11-01 白班 在岗 0 人，最少 2 人',
      titleKey: 'understaffed',
      titleParams: { post: 'North gate', day: '2025-11-01', shift: 'Day', present: 0, minimum: 2 },
    };
    expect(taskTitle(staffing, t)).toBe('Checkpoint short-staffed: North gate 2025-11-01 Day, 0 on duty, at least 2 needed');
    expect(taskTitle({ title: 'Typed by a person', titleKey: null }, t)).toBe('Typed by a person');
    await i18n.changeLanguage('zh-CN');
    expect(taskTitle(fever, t)).toBe('发热预警：Qian Er 38.5℃');
  });
});
