import { describe, expect, it } from 'vitest';
import { auditActions, auditCatalogue, auditEntities } from '../../../domain/audit/events';
import en from '../../app/locales/en.json';
import zh from '../../app/locales/zh-CN.json';

/** The audit page shows every entity and action by its label: no code like `home_sampling` reaches a person. */
describe('audit labels', () => {
  const locales = { 'zh-CN': zh, en } as const;
  it.each(Object.entries(locales))('%s names every entity and action of the catalogue', (_, l) => {
    const audit = (l as any).audit;
    const missing = [
      ...auditEntities.filter((e) => typeof audit.entities?.[e] !== 'string' || !audit.entities[e].trim()).map((e) => `entities.${e}`),
      ...auditActions.filter((a) => typeof audit.actions?.[a] !== 'string' || !audit.actions[a].trim()).map((a) => `actions.${a}`),
    ];
    expect(missing).toEqual([]);
  });

  it('the catalogue lists each action once per entity, with no empty entity', () => {
    for (const [entity, actions] of Object.entries(auditCatalogue)) {
      expect(actions.length, entity).toBeGreaterThan(0);
      expect(new Set(actions).size, entity).toBe(actions.length);
    }
  });

  it('labels are not the codes themselves', () => {
    for (const e of auditEntities) expect(zh.audit.entities[e as keyof typeof zh.audit.entities]).not.toBe(e);
    for (const a of auditActions) expect(zh.audit.actions[a as keyof typeof zh.audit.actions]).not.toBe(a);
  });
});
