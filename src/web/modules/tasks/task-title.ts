/**
 * A task's title in the reader's language: a server-made task carries its title's key and parameters
 * (domain/tasks/titles.ts) and reads from the locale files; a typed task, or one made before keys were
 * kept, shows its stored title.
 */
import type { TFunction } from 'i18next';

interface Titled {
  title: string;
  titleKey?: string | null;
  titleParams?: Record<string, string | number> | null;
}

export function taskTitle(task: Titled, t: TFunction): string {
  if (!task.titleKey) return task.title;
  const key = `tasks.titles.${task.titleKey}`;
  const params: Record<string, string | number> = { ...(task.titleParams ?? {}) };
  // A parameter that is a code (why a person is sampled at home) is itself translated.
  if (typeof params.reason === 'string') params.reason = t(`tasks.homeReason.${params.reason}`, { defaultValue: t('tasks.homeReason.other') });
  return t(key, { ...params, defaultValue: task.title });
}
