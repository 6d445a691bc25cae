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
    // antt_village_visible: the village policies of migration 030 call it when they are created
    expect(inMigrations.sort()).toEqual([
      'antt_in_scope',
      'antt_scope_all',
      'antt_village_visible',
      'vn_fold',
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
