import type { Queryable } from '../db/index.ts'

export interface RowShape {
  /** table columns taken as they are, with their SQL types */
  columns: Record<string, string>
  /** fields read from each row only to compute other columns (e.g. lon, lat) */
  inputs?: Record<string, string>
  /** table columns computed from the record `r` (e.g. point from r.lon, r.lat) */
  computed?: Record<string, string>
  /**
   * the row's province_code (migration 026), from its commune or its model: on a Citus cluster the coordinator
   * routes each row by it, so it is written with the row rather than left to the trigger
   */
  province?: 'commune' | 'model'
}

const PROVINCE_SOURCE = {
  commune: { value: 'p.province_code', join: 'join commune p on p.code = r.commune_code' },
  model: { value: 'p.province_code', join: 'join security_model p on p.id = r.model_id' },
} as const

/**
 * Bulk insert of plain objects through one JSON parameter per chunk: identical SQL on both
 * backends and far fewer round trips than row-by-row inserts.
 */
export async function insertRows(
  tx: Queryable,
  table: string,
  shape: RowShape,
  rows: readonly object[],
  chunk = 10_000,
): Promise<void> {
  const cols = Object.keys(shape.columns)
  const computed = shape.computed ?? {}
  const record = { ...shape.columns, ...shape.inputs }
  const province = shape.province && PROVINCE_SOURCE[shape.province]
  const sql = `insert into ${table} (${[...cols, ...Object.keys(computed), ...(province ? ['province_code'] : [])].join(', ')})
    select ${[...cols.map((c) => `r.${c}`), ...Object.values(computed), ...(province ? [province.value] : [])].join(', ')}
    from json_to_recordset($1::json) as r(${Object.entries(record)
      .map(([c, t]) => `${c} ${t}`)
      .join(', ')})
    ${province?.join ?? ''}`
  for (let i = 0; i < rows.length; i += chunk) await tx.query(sql, [JSON.stringify(rows.slice(i, i + chunk))])
}

export const POINT_FROM_LONLAT = 'ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)'

/**
 * Runs `load` on `table` without its secondary indexes, its foreign keys and the triggers named in
 * `triggers`, then puts them back as they were (their definitions read from the catalog, so nothing here repeats
 * the migrations): building an index once over ten million rows is several times faster than keeping it up to
 * date row by row, and one validating join per foreign key than a look-up per row. The caller's transaction
 * keeps it all-or-nothing; a row that breaks a foreign key fails the re-added constraint, and the whole load.
 */
export async function withoutUpkeep(
  tx: Queryable,
  table: string,
  triggers: readonly string[],
  load: () => Promise<void>,
): Promise<void> {
  const indexes = await tx.query<{ name: string; def: string }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as def
     from pg_index x join pg_class i on i.oid = x.indexrelid
     where x.indrelid = $1::regclass and not x.indisprimary and not x.indisunique`,
    [table],
  )
  const keys = await tx.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def
     from pg_constraint where conrelid = $1::regclass and contype = 'f'`,
    [table],
  )
  for (const k of keys) await tx.query(`alter table ${table} drop constraint ${k.name}`)
  for (const i of indexes) await tx.query(`drop index ${i.name}`)
  for (const t of triggers) await tx.query(`alter table ${table} disable trigger ${t}`)
  await load()
  for (const t of triggers) await tx.query(`alter table ${table} enable trigger ${t}`)
  for (const i of indexes) await tx.query(i.def)
  for (const k of keys) await tx.query(`alter table ${table} add constraint ${k.name} ${k.def}`)
}
