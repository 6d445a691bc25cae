import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Db } from './types.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../sql/migrations/', import.meta.url))

export interface Migration {
  version: string
  name: string
  sql: string
  checksum: string
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(dir + file, 'utf8')
      return {
        version: file.slice(0, 3),
        name: file.slice(4, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      }
    })
}

/**
 * Applies the numbered migrations in order, each in its own transaction, and records them.
 * Safe to run again: applied versions are skipped; an applied file that changed is an error.
 */
export async function migrate(db: Db, migrations = listMigrations()): Promise<string[]> {
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
  for (const m of migrations) {
    const seen = done.get(m.version)
    if (seen) {
      if (seen !== m.checksum)
        throw new Error(`migration ${m.version}_${m.name}.sql changed after it was applied`)
      continue
    }
    await db.transaction(async (tx) => {
      await tx.exec(m.sql)
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ])
    })
    applied.push(`${m.version}_${m.name}`)
  }
  return applied
}
