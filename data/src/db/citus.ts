import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { openPostgres } from './postgres.ts'
import type { Db, Queryable } from './types.ts'

export const DISTRIBUTE_SQL = fileURLToPath(new URL('../../../sql/citus/distribute.sql', import.meta.url))
export const SETTINGS_SQL = fileURLToPath(new URL('../../../sql/citus/settings.sql', import.meta.url))

/**
 * Sent first in every request's transaction on a server (api/src/auth/middleware.ts): on a Citus cluster the
 * SET LOCAL commands after it (the role's scope, a scenario's flag) reach the workers inside the transaction,
 * so row-level security there sees the caller's scope. The database default set by sql/citus/distribute.sql
 * reaches only connections opened after it; this reaches every one. On a plain server it is an unused setting.
 */
export const PROPAGATE_SET_LOCAL = "set local citus.propagate_set_commands = 'local'"

/** A Citus coordinator: the citus extension is installed in this database. */
export async function isCitus(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ citus: boolean }>(
    `select exists (select 1 from pg_extension where extname = 'citus') as citus`,
  )
  return row.citus
}

/**
 * On a Citus coordinator, applies the database settings (sql/citus/settings.sql), and distributes the tables once the migrations have made them and the units are loaded
 * (sql/citus/distribute.sql: fact tables by province, units, taxonomies and accounts as reference tables);
 * nothing elsewhere, so a plain server and the embedded database keep their schema. Called after the
 * migrations and at the end of the seed: the first load of boundaries and villages fires the upkeep triggers
 * of the units (outlines per zoom, border areas), which on a reference table would fire once per copy, on
 * every node; loaded first, consistent data is copied into the shards once. Later migrations run on the
 * distributed tables as they are: Citus propagates their DDL to the shards.
 */
export async function distributeOnCitus(db: Db): Promise<string[]> {
  if (db.kind !== 'postgres' || !(await isCitus(db))) return []
  // the database settings, on every call: a setting added since the tables were distributed reaches them too
  await execScript(db, readFileSync(SETTINGS_SQL, 'utf8'), true)
  const [done] = await db.query(
    `select 1 from pg_dist_partition where logicalrelid = 'security_model'::regclass`,
  )
  if (done) return []
  const [units] = await db.query('select 1 from commune limit 1')
  if (!units) return []
  await db.transaction((tx) => execScript(tx, readFileSync(DISTRIBUTE_SQL, 'utf8'), true))
  return ['citus/distribute']
}

/**
 * On a Citus cluster whose tables are already distributed, builds the pre-aggregates that a migration added
 * (or a rebuild left unfinished): rebuild_aggregates() (sql/functions/10_aggregates.sql) has each shard rebuild
 * its own on its worker, over connections outside any transaction, so it runs here, after the migrations'
 * transactions, on its own. On one server the functions file builds them in its own transaction.
 */
export async function rebuildDistributedAggregates(db: Db): Promise<string[]> {
  if (db.kind !== 'postgres' || !(await isCitus(db))) return []
  const [row] = await db.query<{ missing: boolean }>(
    `select is_distributed('security_model') and aggregates_missing() as missing`,
  )
  if (!row.missing) return []
  await db.query('select rebuild_aggregates()')
  return ['citus/rebuild-aggregates']
}

/** Runs a script: whole, or on Citus statement by statement (see splitStatements). */
export async function execScript(db: Queryable, script: string, citus: boolean): Promise<void> {
  if (!citus) return db.exec(script)
  for (const statement of splitStatements(script)) await db.exec(statement)
}

/**
 * The statements of a script, one at a time: Citus propagates some commands (functions, roles) to the workers
 * as the text of the query that carried them, so a script sent whole would be run whole on each worker, or
 * refused there ("cannot insert multiple commands into a prepared statement"). Splits at semicolons that
 * end a line outside dollar quotes; drops whole-line comments.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = []
  let current: string[] = []
  let quoted = false
  for (const line of script.split('\n')) {
    if (!quoted && /^\s*--/.test(line)) continue
    current.push(line)
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) quoted = !quoted
    if (!quoted && /;\s*$/.test(line)) {
      statements.push(current.join('\n').trim())
      current = []
    }
  }
  const rest = current.join('\n').trim()
  if (rest) statements.push(rest)
  return statements
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

/**
 * Makes database `name` (already created on the coordinator of `url`) a database of the same cluster: Citus
 * does not create databases on the workers, so it is created on each, with citus and postgis, and the workers
 * are registered in it. Idempotent. The workers are reached with the coordinator URL's credentials.
 */
export async function prepareCitusDatabase(url: string, name: string): Promise<void> {
  const admin = await openPostgres(url, { max: 1 })
  const nodes = await admin
    .query<{ host: string; port: number; coordinator: boolean }>(
      `select nodename as host, nodeport as port, groupid = 0 as coordinator from pg_dist_node
       where noderole = 'primary' order by groupid`,
    )
    .finally(() => admin.close())
  const at = (host: string, port: number, database: string) => {
    const u = new URL(url)
    u.hostname = host
    u.port = String(port)
    u.pathname = `/${database}`
    return u.toString()
  }
  for (const node of nodes) {
    if (!node.coordinator) {
      const worker = await openPostgres(at(node.host, node.port, 'postgres'), { max: 1 })
      try {
        const [exists] = await worker.query('select 1 from pg_database where datname = $1', [name])
        if (!exists) await worker.exec(`create database "${name}"`)
      } finally {
        await worker.close()
      }
    }
    const db = await openPostgres(at(node.host, node.port, name), { max: 1 })
    try {
      const [made] = await db.query(`select 1 from pg_extension where extname = 'citus'`)
      // once in the cluster, a worker's extensions are the coordinator's to change
      if (!made) await db.exec('create extension citus; create extension if not exists postgis')
    } finally {
      await db.close()
    }
  }
  const coordinator = nodes.find((n) => n.coordinator)
  const db = await openPostgres(at(new URL(url).hostname, Number(new URL(url).port || 5432), name), {
    max: 1,
  })
  try {
    if (coordinator)
      await db.query(
        `select citus_set_coordinator_host($1, $2) where not exists (select 1 from pg_dist_node where groupid = 0)`,
        [coordinator.host, coordinator.port],
      )
    for (const node of nodes.filter((n) => !n.coordinator))
      await db.query(
        `select citus_add_node($1, $2) where not exists (select 1 from pg_dist_node where nodename = $1 and nodeport = $2)`,
        [node.host, node.port],
      )
  } finally {
    await db.close()
  }
}
