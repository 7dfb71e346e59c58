/**
 * The area tree lent to other modules' SQL, so a name beside a row, the village above it or the grid of a
 * household stays one join (an index lookup per row) and the table stays this module's: a caller writes
 * `JOIN ${areasAs('a')} ON a.id = x.area_id`. Columns others read: id, parent_id, name, kind, level, path,
 * division_code, archived. Writes go through this module's services only.
 */
export const areasAs = (alias: string): string => `areas ${alias}`;
