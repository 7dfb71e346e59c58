import type { TFunction } from 'i18next';

/** Labels shared by the field work pages. A publicity kind is policy data: its name comes with it in both languages. */
export const when = (iso: string | Date | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }).slice(0, 16) : '');
export const kindName = (kinds: readonly { code: string; zh: string; en: string }[] | undefined, code: string, lang: string) => {
  const k = kinds?.find((x) => x.code === code);
  return k ? (lang.startsWith('en') ? k.en : k.zh) : code;
};
export const methodLabel = (t: TFunction, m: string | null) => (m ? t(`fieldwork.method.${m}`) : '');
