/**
 * Languages. Chinese is the default; the choice is remembered in localStorage (`wangge.lang`) and
 * applied to i18next, antd (via useAntdLocale), dayjs, the API's Accept-Language and <html lang>.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';
import { setApiLanguage } from './api';
import { queryClient } from './query';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'wangge.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // Storage may be blocked (private mode); fall back to the default.
  }
  return 'zh-CN';
}

function applySideEffects(lang: Language) {
  setApiLanguage(lang);
  // Answers carry text in the caller's language (error messages, server-made titles): ask again in the new one.
  void queryClient.invalidateQueries();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') {
    document.documentElement.lang = lang;
    document.title = i18n.t('app.title');
  }
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});
applySideEffects(initial);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  await i18n.changeLanguage(lang);
  applySideEffects(lang);
}

/** The current language, re-rendering on change. */
export function useLanguage(): Language {
  const { i18n: inst } = useTranslation();
  return inst.language === 'en' ? 'en' : 'zh-CN';
}

/** Picks the right half of a `{ zh, en }` name from the API. */
export function localName(name: { zh: string; en: string } | undefined, lang: Language): string {
  if (!name) return '';
  return lang === 'en' ? name.en || name.zh : name.zh || name.en;
}

export default i18n;
