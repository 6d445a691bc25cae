import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { distributeOnCitus, execScript, isCitus, rebuildDistributedAggregates } from './citus.ts'
import type { Db } from './types.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../sql/migrations/', import.meta.url))
export const FUNCTIONS_DIR = fileURLToPath(new URL('../../../sql/functions/', import.meta.url))

export interface Migration {
  version: string
  name: string
  sql: string
  checksum: string
}

export interface FunctionFile {
  name: string
  sql: string
  checksum: string
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(dir + file, 'utf8')
      return { version: file.slice(0, 3), name: file.slice(4, -4), sql, checksum: sha256(sql) }
    })
}

/** The files of functions and views, in the order they are applied (their names start with a number). */
export function listFunctionFiles(dir = FUNCTIONS_DIR): FunctionFile[] {
  return readdirSync(dir)
    .filter((f) => /^\d{2}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(dir + file, 'utf8')
      return { name: file.slice(0, -4), sql, checksum: sha256(sql) }
    })
}

/**
 * Migrations whose text changed on purpose after databases had applied them: their functions and views moved
 * to sql/functions/ (each defined in one file), with the earlier checksums. A database that applied an earlier
 * text has the same tables; its recorded checksum is brought up to date and the functions are then created
 * from sql/functions/.
 */
const MOVED_TO_FUNCTIONS: Record<string, readonly string[]> = {
  '001': ['daa2335b2d5a7a4c6f9930ffebf758059f66a29a81a461b96ae6dc6a865ece4f'],
  '005': ['c2de041468f75125cd93cf6441324c27807fbb8f7ce5aa609926c9d85bda674b'],
  '006': ['61e33fd1a10db2d9d5db1fdb61f85a4b103e0f91adddc4c883927089e2cd99ac'],
  '008': ['1a378bda5fc8f7b828a8b821ff884391bde7643babbd3e4ea39b67ab6101a6f5'],
  '009': ['2c0881ddb286300c2458248669570e39365790a907fbd910c875ea565ac5fba5'],
  '010': ['9248d064f61b05941aefdb394d2926f0e030d1355e9c26ca00f56d499378330b'],
  '011': ['f906054e86b50ba522c4ed3215bf6f1084a2ed39dba7fa889f67b010bd1afeb1'],
  '012': [
    '12bdc9f4e1bdd32c30f4711faa388321f634d74d76ad081e27c858377afde63e',
    // its scope tests moved to sql/functions/00_scope.sql
    '3be58a63bbf817bdaf87fe92746406717b3c7ab8bc8d0fd358e638271cb0eecc',
  ],
  '013': ['5aea903189a48aeb0b46c56249bd3d2a93bd4d1bf66f7792de14a5d0170ae7d7'],
  '015': ['ba6de32bc5a27af9ad346a776710634351011715d53d98ca14801b768a27e198'],
  '017': ['747e5c6fed2e82890ef8eb169afc5291aeefdbc4bac29bf1d70e32238d514649'],
  '019': ['e6d957a6696ec662af54ac33e3f73649d4b4e19599002352c5b82c9dfb595658'],
}

/**
 * Function files that the migrations need (the scope tests of the row-level security policies): applied before
 * the numbered migrations whenever they are new or changed, and again with all the others after them.
 */
const BEFORE_MIGRATIONS = new Set(['00_scope'])

/**
 * Applies the numbered migrations in order, each in its own transaction, and records them; then the functions
 * and views of sql/functions/ when any of those files is new or changed.
 *
 * Migrations hold tables, constraints, grants on tables and data changes, and never call a function of
 * sql/functions/ (those are created after them, with the triggers), except the files of BEFORE_MIGRATIONS:
 * the scope tests of the row-level security policies, which a policy needs when it is created. Two functions
 * stay in the migration that first needed them: vn_fold() of the generated columns (001) and
 * antt_village_visible() of the policies of migration 030. Every function is defined in exactly one file.
 *
 * Safe to run again: applied versions are skipped; an applied migration that changed is an error.
 * On a Citus coordinator the tables are then distributed, once (data/src/db/citus.ts).
 */
export async function migrate(
  db: Db,
  migrations = listMigrations(),
  functions = listFunctionFiles(),
): Promise<string[]> {
  await db.exec(`create table if not exists schema_migration (
    version text primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`)
  const done = new Map(
    (
      await db.query<{ version: string; checksum: string }>('select version, checksum from schema_migration')
    ).map((r) => [r.version, r.checksum]),
  )
  const applied: string[] = []
  const citus = db.kind === 'postgres' && (await isCitus(db))
  // the function files as applied last: the ones the migrations need are applied first when they changed
  const appliedFiles = await appliedFunctions(db)
  await applyBeforeMigrations(db, functions, appliedFiles, citus)
  for (const m of migrations) {
    const seen = done.get(m.version)
    if (seen) {
      if (seen === m.checksum) continue
      if (!MOVED_TO_FUNCTIONS[m.version]?.includes(seen))
        throw new Error(`migration ${m.version}_${m.name}.sql changed after it was applied`)
      await db.query('update schema_migration set checksum = $2 where version = $1', [m.version, m.checksum])
      continue
    }
    await db.transaction(async (tx) => {
      if (citus) await tx.exec(CITUS_SEQUENTIAL)
      await execScript(tx, m.sql, citus)
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ])
    })
    applied.push(`${m.version}_${m.name}`)
  }
  return [
    ...applied,
    ...(await applyFunctions(db, functions, appliedFiles, citus)),
    ...(await distributeOnCitus(db)),
    ...(await rebuildDistributedAggregates(db)),
  ]
}

/**
 * On a Citus cluster whose tables are already distributed, a migration's grant or DDL on a distributed table
 * runs on its shards over several connections at once, after which Citus refuses, in the same transaction, to
 * propagate a function or role ("cannot run function command because there was a parallel operation on a
 * distributed table"). One connection per worker for the whole transaction lets a migration mix the two, as
 * migration 030 does.
 */
const CITUS_SEQUENTIAL = "set local citus.multi_shard_modify_mode = 'sequential'"

/** The function files applied last, with their checksums (schema_function, made here on first use). */
async function appliedFunctions(db: Db): Promise<Map<string, string>> {
  await db.exec(`create table if not exists schema_function (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`)
  const rows = await db.query<{ name: string; checksum: string }>(
    'select name, checksum from schema_function',
  )
  return new Map(rows.map((r) => [r.name, r.checksum]))
}

/** The function files of BEFORE_MIGRATIONS that are new or changed since the functions were last applied. */
async function applyBeforeMigrations(
  db: Db,
  files: FunctionFile[],
  done: ReadonlyMap<string, string>,
  citus: boolean,
): Promise<void> {
  const due = files.filter((f) => BEFORE_MIGRATIONS.has(f.name) && done.get(f.name) !== f.checksum)
  if (!due.length) return
  await db.transaction(async (tx) => {
    if (citus) await tx.exec(CITUS_SEQUENTIAL)
    for (const f of due) await execScript(tx, f.sql, citus)
  })
}

/**
 * Creates (or replaces) every function and view of sql/functions/, in file order and in one transaction, when
 * any file is new or changed; a later file may use what an earlier one defines, so all are applied together.
 */
async function applyFunctions(
  db: Db,
  files: FunctionFile[],
  done: ReadonlyMap<string, string>,
  citus: boolean,
): Promise<string[]> {
  if (files.length === done.size && files.every((f) => done.get(f.name) === f.checksum)) return []
  await db.transaction(async (tx) => {
    if (citus) await tx.exec(CITUS_SEQUENTIAL)
    for (const f of files) await execScript(tx, f.sql, citus)
    await tx.exec('delete from schema_function')
    for (const f of files)
      await tx.query('insert into schema_function (name, checksum) values ($1, $2)', [f.name, f.checksum])
  })
  return files.map((f) => `functions/${f.name}`)
}
