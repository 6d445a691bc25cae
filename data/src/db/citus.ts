import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Db, Queryable } from './types.ts'

export const DISTRIBUTE_SQL = fileURLToPath(new URL('../../../sql/citus/distribute.sql', import.meta.url))

/** A Citus coordinator: the citus extension is installed in this database. */
export async function isCitus(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ citus: boolean }>(
    `select exists (select 1 from pg_extension where extname = 'citus') as citus`,
  )
  return row.citus
}

/**
 * On a Citus coordinator, distributes the tables once the migrations have made them (sql/citus/distribute.sql:
 * fact tables by province, units, taxonomies and accounts as reference tables); nothing elsewhere, so a plain
 * server and the embedded database keep their schema. Later migrations run on the distributed tables as they
 * are: Citus propagates their DDL to the shards.
 */
export async function distributeOnCitus(db: Db): Promise<string[]> {
  if (db.kind !== 'postgres' || !(await isCitus(db))) return []
  const [done] = await db.query(
    `select 1 from pg_dist_partition where logicalrelid = 'security_model'::regclass`,
  )
  if (done) return []
  await db.transaction((tx) => tx.exec(readFileSync(DISTRIBUTE_SQL, 'utf8')))
  return ['citus/distribute']
}

/**
 * Empties the public schema for a fresh start (db:reset, the test databases). On a plain server the schema is
 * dropped and made anew; on Citus that would drop Citus's own views (citus_tables, citus_schemas live in
 * public) and fails, so the schema's own tables, views and functions are dropped one by one instead, and the
 * extensions stay.
 */
export async function emptyPublicSchema(db: Db): Promise<void> {
  if (!(await isCitus(db))) {
    await db.exec('drop schema if exists public cascade; create schema public;')
    return
  }
  await db.exec(`do $$
declare r record;
begin
  for r in
    select c.oid::regclass::text as name, case c.relkind when 'v' then 'view' when 'm' then 'materialized view'
                                                      when 'S' then 'sequence' else 'table' end as kind
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'S')
      and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
    order by c.relkind <> 'r'
  loop
    execute format('drop %s if exists %s cascade', r.kind, r.name);
  end loop;
  for r in
    select p.oid::regprocedure::text as name from pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('drop function if exists %s cascade', r.name);
  end loop;
end $$`)
}
