import { describe, expect, it } from 'vitest';
import { crossings, unownedTables } from './check-table-owners';

describe('table owners', () => {
  it("refuses a module's SQL that names another module's table", () => {
    const sql = 'const Q = `SELECT r.name FROM sampling_tubes t\n  JOIN residents r ON r.id = t.resident_id`;';
    expect(crossings('sampling/repo/tubes.ts', sql).problems).toEqual([
      "sampling/repo/tubes.ts:2: sampling names residents's table residents — use what residents's sql.ts lends, or add it there",
    ]);
    expect(crossings('tasks/repo.ts', 'INSERT INTO tasks (type) SELECT 1; UPDATE measures SET state = 1').problems).toHaveLength(1);
  });

  it("lets a module use its own tables, the owner's lent SQL, tests and the listed exceptions", () => {
    expect(crossings('residents/repo.ts', 'SELECT * FROM residents r JOIN households h ON true').problems).toEqual([]);
    expect(crossings('sampling/repo/x.ts', "JOIN ${residentsAs('r')} ON r.id = b.resident_id").problems).toEqual([]);
    expect(crossings('sampling/sampling.test.ts', 'SELECT * FROM residents').problems).toEqual([]);
    expect(crossings('sampling/repo/desk.ts', 'INSERT INTO audit_log (action) VALUES (1)').problems).toEqual([]);
    expect(crossings('sampling/repo/desk.ts', 'SELECT * FROM households').problems).toHaveLength(1);
  });

  it('has no crossings left pending: the last ones moved to their owners, so one in users/repo.ts fails again', () => {
    expect(crossings('users/repo.ts', 'FROM users u JOIN areas a ON a.id = u.area_id')).toMatchObject({
      problems: [expect.stringContaining('areas')],
      pending: 0,
    });
  });

  it('asks for an owner of every new table', () => {
    expect(unownedTables('CREATE TABLE residents (id int); create table if not exists shelter_beds (id int);')).toEqual(['shelter_beds']);
  });

  it("counts a month or default partition of an owned table as its parent's, and nothing else by its name", () => {
    const sql =
      'CREATE TABLE tracing_venue_visits_default PARTITION OF tracing_venue_visits DEFAULT; CREATE TABLE tracing_venue_visits_y2026m12 (); CREATE TABLE tracing_venue_visits_old ();';
    expect(unownedTables(sql)).toEqual(['tracing_venue_visits_old']);
  });
});
