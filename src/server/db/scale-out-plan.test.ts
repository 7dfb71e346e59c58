import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../testing/harness';
import type { Db } from './engine';

/**
 * docs/scale-out.md plans a province on a distributed PostgreSQL (Citus), sharded by county; its table of tables
 * (docs/scale-out.tables.json) is held to the migrated schema here, so a migration that adds a table, or drops a
 * column the plan reads the county from, fails until the plan says what becomes of it.
 */
interface Plan {
  distributionColumn: string;
  distributed: Record<string, string>;
  reference: Record<string, string>;
  local: Record<string, string>;
  partitioned: Record<string, string>;
  partitionedNow: string[];
  /** A table split with its parent: `key` points at the parent, `column` is the parent's time, `by` its own copy of it. */
  partitionedWithParent: Record<string, { parent: string; key: string; column: string; by: string }>;
}

const plan: Plan = JSON.parse(readFileSync(new URL('../../../docs/scale-out.tables.json', import.meta.url), 'utf8'));

let db: Db;
/** table → column → type, of every table in the app's schema (partitions of a partitioned table excluded). */
const schema = new Map<string, Map<string, string>>();

beforeAll(async () => {
  db = await freshDb();
  const rows = await db.query<{ t: string; c: string; ty: string }>(
    `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS ty
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  for (const r of rows) {
    if (!schema.has(r.t)) schema.set(r.t, new Map());
    schema.get(r.t)!.set(r.c, r.ty);
  }
}, 300_000);
afterAll(async () => {
  if (db?.engine === 'postgres') {
    const [{ s }] = await db.query<{ s: string }>('SELECT current_schema() AS s');
    if (s.startsWith('t_')) await db.exec(`DROP SCHEMA ${s} CASCADE; DROP SCHEMA IF EXISTS ${s}_jobs CASCADE`);
  }
  await db?.close();
});

const classes = () => ({ distributed: Object.keys(plan.distributed), reference: Object.keys(plan.reference), local: Object.keys(plan.local) });

describe('the scale-out plan against the schema', () => {
  it('classifies every table of the migrated schema, once, and only tables that exist', () => {
    const all = Object.values(classes()).flat();
    const twice = all.filter((t, i) => all.indexOf(t) !== i);
    expect(twice, 'tables classified twice in docs/scale-out.tables.json').toEqual([]);
    const unclassified = [...schema.keys()].filter((t) => !all.includes(t)).sort();
    expect(unclassified, 'tables of the schema that docs/scale-out.md does not classify: add them to docs/scale-out.tables.json').toEqual([]);
    const missing = all.filter((t) => !schema.has(t)).sort();
    expect(missing, 'tables classified in docs/scale-out.tables.json that no migration creates').toEqual([]);
  });

  it('reads each distributed table’s county from a column it has', () => {
    const lacking = Object.entries(plan.distributed)
      .filter(([t, column]) => schema.has(t) && !schema.get(t)!.has(column))
      .map(([t, column]) => `${t}.${column}`);
    expect(lacking).toEqual([]);
    // The county column itself is added by the plan's migration; once added it must be an integer.
    for (const t of Object.keys(plan.distributed)) {
      const type = schema.get(t)?.get(plan.distributionColumn);
      if (type) expect(type, `${t}.${plan.distributionColumn}`).toMatch(/^(integer|bigint)$/);
    }
  });

  it('has no reference or coordinator-local table point at a distributed one (Citus refuses such a foreign key)', async () => {
    // A partition's keys are its parent's, copied to it: the parent's class speaks for them.
    const fks = await db.query<{ from: string; to: string; def: string }>(
      `SELECT f.relname AS "from", t.relname AS "to", pg_get_constraintdef(k.oid) AS def
         FROM pg_constraint k JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid
         JOIN pg_namespace n ON n.oid = f.relnamespace
        WHERE k.contype = 'f' AND n.nspname = current_schema() AND NOT f.relispartition`,
    );
    const distributed = new Set(Object.keys(plan.distributed));
    const bad = fks.filter((k) => !distributed.has(k.from) && distributed.has(k.to)).map((k) => `${k.from} → ${k.to}: ${k.def}`);
    expect(bad).toEqual([]);
  });

  it('partitions by month only append-only tables it shards, on a time column they have', () => {
    for (const [t, column] of Object.entries(plan.partitioned)) {
      expect(plan.distributed[t], `${t} is partitioned but not distributed`).toBeDefined();
      expect(schema.get(t)?.get(column), `${t}.${column}`).toMatch(/^(timestamp with time zone|date)$/);
    }
    for (const [t, p] of Object.entries(plan.partitionedWithParent)) {
      expect(plan.partitioned[p.parent], `${t}'s parent ${p.parent} is not partitioned`).toBe(p.column);
      expect(schema.get(t)?.has(p.key), `${t}.${p.key}`).toBe(true);
      expect(schema.get(t)?.get(p.by), `${t}.${p.by}`).toMatch(/^timestamp with time zone$/);
      expect(plan.distributed[t], `${t} is partitioned but not distributed`).toBeDefined();
    }
  });

  it('names the tables already split by month (partitionedNow), each on the column the plan gives it', async () => {
    const rows = await db.query<{ t: string; c: string }>(
      `SELECT c.relname AS t, a.attname AS c
         FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
        WHERE n.nspname = current_schema() AND NOT c.relispartition`,
    );
    expect(rows.map((r) => r.t).sort(), 'partitioned in the schema').toEqual([...plan.partitionedNow].sort());
    for (const r of rows) expect(plan.partitioned[r.t] ?? plan.partitionedWithParent[r.t]?.by, `${r.t} is partitioned on ${r.c}`).toBe(r.c);
  });
});
