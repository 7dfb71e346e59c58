/**
 * Languages. Chinese is the default; the choice is remembered in localStorage (`wangge.lang`) and
 * applied to i18next, antd (via useAntdLocale), dayjs, the API's Accept-Language and <html lang>.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import zhCN from './locales/zh-CN.json';
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

/**
 * Chinese, the default, is in the main script; English is fetched when chosen (a field worker's first load on a
 * slow network carries one language, not two).
 */
async function loadBundle(lang: Language) {
  if (lang === 'zh-CN' || i18n.hasResourceBundle(lang, 'translation')) return;
  const { default: en } = await import('./locales/en.json');
  i18n.addResourceBundle('en', 'translation', en);
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true,
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

/** Settles once the remembered language's texts are there: the app is first drawn after it (main.tsx). */
export const languageReady: Promise<void> = loadBundle(initial)
  .catch(() => undefined)
  .then(() => {
    // English that could not be fetched (offline before it was ever kept): Chinese rather than raw keys.
    const lang = i18n.hasResourceBundle(initial, 'translation') ? initial : 'zh-CN';
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    applySideEffects(lang);
  });

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export async function setLanguage(lang: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  await loadBundle(lang);
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
