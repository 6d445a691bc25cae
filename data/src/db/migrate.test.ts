import { afterAll, describe, expect, it } from 'vitest'
import { backends } from '../testing/index.ts'
import { type Db, listFunctionFiles, listMigrations, migrate, openPglite, openPostgres } from './index.ts'

describe('the SQL files', () => {
  const files = [
    ...listMigrations().map((m) => ({ file: `migrations/${m.version}_${m.name}`, sql: m.sql })),
    ...listFunctionFiles().map((f) => ({ file: `functions/${f.name}`, sql: f.sql })),
  ]
  const definitions = files.flatMap(({ file, sql }) =>
    [...sql.matchAll(/^create\s+(?:or\s+replace\s+)?(?:function|view)\s+(\w+)/gim)].map((m) => ({
      file,
      name: m[1].toLowerCase(),
    })),
  )

  it('define each function and view in one file only', () => {
    expect(definitions.length).toBeGreaterThan(30)
    const files = new Map<string, Set<string>>()
    for (const d of definitions) files.set(d.name, (files.get(d.name) ?? new Set()).add(d.file))
    expect(
      [...files].filter(([, f]) => f.size > 1).map(([name, f]) => `${name}: ${[...f].join(', ')}`),
    ).toEqual([])
  })

  it('keep in migrations only the functions that tables and policies need when they are created', () => {
    const inMigrations = definitions.filter((d) => d.file.startsWith('migrations/')).map((d) => d.name)
    // antt_village_visible: the village policies of migration 030 call it when they are created; the scope
    // tests of the other policies are in functions/00_scope, applied before the migrations
    expect(inMigrations.sort()).toEqual(['antt_village_visible', 'vn_fold'])
    expect(definitions.filter((d) => d.file === 'functions/00_scope').map((d) => d.name)).toEqual([
      'antt_in_scope',
      'antt_scope_all',
    ])
  })
})

/** A fresh, empty database for the backend; the server gets a throw-away database. */
async function emptyDb(backend: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (backend === 'embedded') {
    const db = await openPglite()
    return { db, drop: () => db.close() }
  }
  const url = new URL(process.env.TEST_DATABASE_URL as string)
  const admin = await openPostgres(url.toString(), { max: 1 })
  const name = `antt_migrate_${process.pid}_${Date.now()}`
  await admin.exec(`create database ${name}`)
  url.pathname = `/${name}`
  const db = await openPostgres(url.toString(), { max: 1 })
  return {
    db,
    drop: async () => {
      await db.close()
      await admin.exec(`drop database ${name}`)
      await admin.close()
    },
  }
}

describe.each(backends())('migrations on the %s database', (backend) => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const c of cleanups) await c()
  })

  it('apply every numbered file in order, then nothing on a second run', async () => {
    const { db, drop } = await emptyDb(backend)
    cleanups.push(drop)
    const first = await migrate(db)
    expect(first).toEqual([
      ...listMigrations().map((m) => `${m.version}_${m.name}`),
      ...listFunctionFiles().map((f) => `functions/${f.name}`),
    ])
    expect(await migrate(db)).toEqual([])
    // a changed function file applies the functions again, and nothing else
    const functions = listFunctionFiles()
    const edited = functions.map((f, i) =>
      i === 0 ? { ...f, sql: `${f.sql}\n-- edited`, checksum: 'edited' } : f,
    )
    expect(await migrate(db, listMigrations(), edited)).toEqual(functions.map((f) => `functions/${f.name}`))
    const rows = await db.query<{ version: string }>('select version from schema_migration order by version')
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version))

    // a database that applied migration 012 while it still held the scope tests (the body then split the
    // scope for every row) takes the ones of functions/00_scope, and its record of 012 is brought up to date
    await db.exec(`create or replace function antt_in_scope(p_commune text) returns boolean
      language sql stable parallel safe as $$
        select case coalesce(current_setting('antt.scope', true), '') when '*' then true when '' then false
               else p_commune = any (string_to_array(current_setting('antt.scope', true), ',')) end $$`)
    await db.exec(`update schema_migration
      set checksum = '3be58a63bbf817bdaf87fe92746406717b3c7ab8bc8d0fd358e638271cb0eecc' where version = '012';
      delete from schema_function where name = '00_scope'`)
    expect(await migrate(db)).toEqual(functions.map((f) => `functions/${f.name}`))
    const [fn] = await db.query<{ body: string; checksum: string }>(
      `select prosrc as body, (select checksum from schema_migration where version = '012') as checksum
       from pg_proc where proname = 'antt_in_scope'`,
    )
    expect(fn.body).toContain('strpos')
    expect(fn.checksum).toBe(listMigrations().find((m) => m.version === '012')?.checksum)
    // the test itself: a commune between commas of the scope, no prefix or suffix of a code
    const [scope] = await db.query<Record<string, boolean>>(
      `select antt_in_scope('02647') as listed, antt_in_scope('0264') as prefix, antt_in_scope('26470') as longer,
              antt_in_scope('02650') as last, antt_in_scope('02644') as first
       from (select set_config('antt.scope', '02644,02647,02650', false)) s`,
    )
    expect(scope).toEqual({ listed: true, prefix: false, longer: false, last: true, first: true })
  }, 240_000) // a fresh embedded database creates PostGIS and runs every migration: minutes on a busy machine

  it('refuse to run when an applied migration has changed', async () => {
    const { db, drop } = await emptyDb(backend)
    cleanups.push(drop)
    const migrations = listMigrations()
    await migrate(db, migrations.slice(0, 1), [])
    const edited = [{ ...migrations[0], checksum: 'changed' }, ...migrations.slice(1)]
    await expect(migrate(db, edited, [])).rejects.toThrow(/changed after it was applied/)
  }, 240_000)
})
