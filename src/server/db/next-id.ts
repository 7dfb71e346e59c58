/**
 * SQL for the next value of `table`'s serial id, for statements that take ids ahead of their inserts. The sequence
 * is looked up once per statement (an InitPlan), not once per row: per row, `pg_get_serial_sequence` and the cast
 * of its name cost ~3 µs, which was 0.3 s of a 100,000-row import (`nextval` itself, ~0.4 µs).
 */
export const nextIdSql = (table: string) => `nextval((SELECT pg_get_serial_sequence('${table}', 'id')::regclass))`;
