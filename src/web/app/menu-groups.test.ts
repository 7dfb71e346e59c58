import { describe, expect, it } from 'vitest';
import { arrangeMenu, fieldTabs, groupOf, menuPathOf } from './menu-groups';
import { MODULES } from './modules';

const MENU = MODULES.filter((m) => m.inMenu !== false);
const flat = (nodes: ReturnType<typeof arrangeMenu>) => nodes.flatMap((n) => (n.kind === 'entry' ? [n.entry.path] : n.entries.map((e) => e.path)));

describe('menu arrangement', () => {
  it('shows every menu page exactly once, whatever the roles', () => {
    for (const roles of [[], ['admin'], ['grid_worker'], ['sampler', 'volunteer'], ['custom_role']]) {
      const paths = flat(arrangeMenu(MENU, roles));
      expect(paths.sort()).toEqual(MENU.map((m) => m.path).sort());
    }
  });

  it("puts a person's own pages first, then their role's group, open groups of several entries", () => {
    const nodes = arrangeMenu(MENU, ['sampler']);
    expect(nodes.slice(0, 5).map((n) => n.kind === 'entry' && n.entry.path)).toEqual(['/', '/me/tasks', '/me/assignments', '/monitoring/today', '/help/mine']);
    expect(nodes[5]).toMatchObject({ kind: 'group', group: 'sampling' });
    const admin = arrangeMenu(MENU, ['admin']);
    expect(admin.find((n) => n.kind === 'group')).toMatchObject({ group: 'system' });
  });

  it('shows a group holding a single visible entry as that entry alone', () => {
    const few = MENU.filter((m) => ['/', '/me/tasks', '/residents', '/residents/lookup', '/admin/audit'].includes(m.path));
    const nodes = arrangeMenu(few, ['grid_worker']);
    expect(nodes.map((n) => (n.kind === 'entry' ? n.entry.path : `group:${n.group}`))).toEqual(['/', '/me/tasks', 'group:residents', '/admin/audit']);
  });

  it('places a page added later by its first path segment', () => {
    expect(groupOf('/sampling/something-new')).toBe('sampling');
    expect(groupOf('/monitoring/new-page')).toBe('control');
    expect(groupOf('/me/tasks')).toBeNull();
  });

  it('finds the menu entry above a record page, and "/" only for itself', () => {
    const paths = MENU.map((m) => m.path);
    expect(menuPathOf('/residents/42', paths)).toBe('/residents');
    expect(menuPathOf('/residents/lookup', paths)).toBe('/residents/lookup');
    expect(menuPathOf('/account/sessions', paths)).toBeNull();
  });

  it('gives a field role the desk as its scanner, or a resident lookup when it has none', () => {
    const can = (held: string[]) => (p: string) => held.includes(p);
    expect(fieldTabs(can(['tasks.work', 'sampling.desk', 'residents.read'])).map((x) => x.key)).toEqual(['home', 'tasks', 'scan', 'me']);
    expect(fieldTabs(can(['tasks.work', 'residents.read'])).map((x) => x.key)).toEqual(['home', 'tasks', 'lookup', 'me']);
    expect(fieldTabs(can(['tasks.work'])).map((x) => x.key)).toEqual(['home', 'tasks', 'me']);
  });
});
