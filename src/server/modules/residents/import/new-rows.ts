import { copyLine } from '../../../db/copy-text';
import type { Queryable } from '../../../db/engine';
import { pinyinKeys } from '../../../platform/pinyin';

/**
 * What an import writes into a resident record, and how it writes the new ones. On PostgreSQL new records go
 * through COPY into a staging table and from there, set-based, into residents and their first stay: the rows
 * stream to the server as text instead of being bound as nineteen array parameters. On PGlite (no socket to
 * stream over; its COPY reads a blob) they are unnested from arrays, which measured no slower there.
 */
export interface Values {
  areaId: number;
  areaPath: string;
  householdId: number | null;
  relation: string | null;
  name: string;
  /** The name's pinyin keys when worked out ahead; else they are worked out as the row is written. */
  nameKeys?: { full: string; initials: string };
  idType: string;
  idNumber: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  phone2: string | null;
  registeredAddress: string | null;
  groups: string[];
  status: string;
  awayWhere: string | null;
  notes: string | null;
}

export const VALUE_ARRAYS = `$2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
  $11::text[], $12::date[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[]`;
export const VALUE_NAMES = `id, area_id, area_path, household_id, relation, name, py, ini, id_type, id_number, sex, birth_date, phone, phone2,
  reg, g, status, away_where, notes`;
/** Groups travel as one comma-joined text (as the arrays always carried them) and are split on the server. */
export const GROUPS_SQL = `CASE WHEN v.g = '' THEN '{}'::text[] ELSE string_to_array(v.g, ',') END`;

const keysOf = (v: Values) => v.nameKeys ?? pinyinKeys(v.name);

export function valueParams(ids: number[], vs: Values[]): unknown[] {
  const py = vs.map(keysOf);
  return [
    ids,
    vs.map((v) => v.areaId),
    vs.map((v) => v.areaPath),
    vs.map((v) => v.householdId),
    vs.map((v) => v.relation),
    vs.map((v) => v.name),
    py.map((k) => k.full),
    py.map((k) => k.initials),
    vs.map((v) => v.idType),
    vs.map((v) => v.idNumber),
    vs.map((v) => v.sex),
    vs.map((v) => v.birthDate),
    vs.map((v) => v.phone),
    vs.map((v) => v.phone2),
    vs.map((v) => v.registeredAddress),
    vs.map((v) => v.groups.join(',')),
    vs.map((v) => v.status),
    vs.map((v) => v.awayWhere),
    vs.map((v) => v.notes),
  ];
}

export interface NewRecord {
  id: number;
  v: Values;
  /** The first stay's start: the file's move-in date, else the import's day. */
  movedIn: string;
}

const INSERT_RESIDENTS = `INSERT INTO residents (id, area_id, area_path, household_id, relation, name, name_pinyin, name_initials, id_type,
                          id_number, sex, birth_date, phone, phone2, registered_address, groups, status, away_where, notes)`;
const SELECT_VALUES = `SELECT v.id, v.area_id, v.area_path, v.household_id, v.relation, v.name, v.py, v.ini, v.id_type, v.id_number, v.sex,
          v.birth_date, v.phone, v.phone2, v.reg, ${GROUPS_SQL}, v.status, v.away_where, v.notes`;

/**
 * The staging table: a temporary table of the transaction (each connection has its own, dropped at commit or
 * rollback), so an import cut off mid-stream leaves nothing behind and two imports never see each other's rows.
 */
export const STAGE = 'resident_import_stage';
const STAGE_COLUMNS = [...VALUE_NAMES.split(',').map((c) => c.trim()), 'moved_in'];
const CREATE_STAGE = `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
  id int, area_id int, area_path text, household_id int, relation text, name text, py text, ini text, id_type text, id_number text,
  sex text, birth_date date, phone text, phone2 text, reg text, g text, status text, away_where text, notes text, moved_in date
) ON COMMIT DROP`;

/** Lines are sent in pieces of about this many characters: one CopyData message and socket write each. */
const PIECE_CHARS = 64 * 1024;

/** The staging table's lines for `rows`, gathered into pieces; built as the stream asks for them. */
export function* stageLines(rows: NewRecord[]): Generator<string> {
  let piece = '';
  for (const { id, v, movedIn } of rows) {
    const py = keysOf(v);
    piece += copyLine([
      id,
      v.areaId,
      v.areaPath,
      v.householdId,
      v.relation,
      v.name,
      py.full,
      py.initials,
      v.idType,
      v.idNumber,
      v.sex,
      v.birthDate,
      v.phone,
      v.phone2,
      v.registeredAddress,
      v.groups.join(','),
      v.status,
      v.awayWhere,
      v.notes,
      movedIn,
    ]);
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** New records and their first stays, in the caller's transaction. */
export async function insertNew(tx: Queryable, rows: NewRecord[], bulk: 'copy' | 'unnest'): Promise<void> {
  if (!rows.length) return;
  if (bulk === 'copy') {
    await tx.exec(CREATE_STAGE);
    await tx.copyFrom(STAGE, STAGE_COLUMNS, stageLines(rows));
    await tx.exec(`${INSERT_RESIDENTS} ${SELECT_VALUES} FROM ${STAGE} v`);
    await tx.exec(`INSERT INTO resident_stays (resident_id, household_id, area_path, from_date)
                   SELECT id, household_id, area_path, moved_in FROM ${STAGE}`);
    // Emptied for the next batch of the same transaction (an all-or-nothing commit writes every batch in one).
    await tx.exec(`TRUNCATE ${STAGE}`);
    return;
  }
  const ids = rows.map((r) => r.id);
  await tx.query(
    `${INSERT_RESIDENTS} ${SELECT_VALUES} FROM unnest($1::int[], ${VALUE_ARRAYS}) AS v(${VALUE_NAMES})`,
    valueParams(
      ids,
      rows.map((r) => r.v),
    ),
  );
  await tx.query(
    `INSERT INTO resident_stays (resident_id, household_id, area_path, from_date)
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::date[])`,
    [ids, rows.map((r) => r.v.householdId), rows.map((r) => r.v.areaPath), rows.map((r) => r.movedIn)],
  );
}
