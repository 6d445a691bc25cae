import { resolve } from 'node:path'
import { openPglite } from './pglite.ts'
import { openPostgres } from './postgres.ts'
import type { Db } from './types.ts'

export { listMigrations, migrate } from './migrate.ts'
export { openPglite } from './pglite.ts'
export { openPostgres } from './postgres.ts'
export type { Db, Queryable, Row } from './types.ts'

export interface DbConfig {
  databaseUrl?: string
  pgliteDir?: string
}

/** Reads DATABASE_URL / PGLITE_DIR: a server when a URL is given, else the embedded database. */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: resolve(env.PGLITE_DIR || '.data/pglite'),
  }
}

export function openDb(config: DbConfig = dbConfigFromEnv()): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.pgliteDir)
}
