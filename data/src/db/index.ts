import { resolve } from 'node:path'
import { areaFromEnv } from '../sources/area.ts'
import { readManifest } from '../sources/manifest.ts'
import { openPglite } from './pglite.ts'
import { openPostgres } from './postgres.ts'
import type { Db } from './types.ts'

export { distributeOnCitus, emptyPublicSchema, isCitus, PROPAGATE_SET_LOCAL } from './citus.ts'
export { isDatabaseFault } from './faults.ts'
export { listFunctionFiles, listMigrations, migrate } from './migrate.ts'
export { openPglite } from './pglite.ts'
export { openPostgres } from './postgres.ts'
export type { Db, Queryable, Row } from './types.ts'
export { copyText } from './types.ts'

export interface DbConfig {
  databaseUrl?: string
  /** a read replica of databaseUrl for the requests that only read (DATABASE_READ_URL) */
  readUrl?: string
  pgliteDir?: string
  /** connections of the server pool */
  poolSize?: number
}

/** One embedded database per area, so that switching AREA needs no reset: .data/pglite for the default. */
function defaultPgliteDir(env: NodeJS.ProcessEnv): string {
  const { code } = areaFromEnv(env)
  return code === readManifest().area.default ? '.data/pglite' : `.data/pglite-${code}`
}

/** Reads DATABASE_URL / PGLITE_DIR: a server when a URL is given, else the embedded database. */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    readUrl: env.DATABASE_READ_URL || undefined,
    pgliteDir: resolve(env.PGLITE_DIR || defaultPgliteDir(env)),
    poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
  }
}

/** The read replica's pool, opened read-only; undefined without DATABASE_READ_URL (or on the embedded database). */
export async function openReader(config: DbConfig = dbConfigFromEnv()): Promise<Db | undefined> {
  if (!config.readUrl) return undefined
  if (!config.databaseUrl) throw new Error('DATABASE_READ_URL needs DATABASE_URL: a replica of that server')
  return openPostgres(config.readUrl, { max: config.poolSize, readOnly: true })
}

export function openDb(config: DbConfig = dbConfigFromEnv()): Promise<Db> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, { max: config.poolSize })
    : openPglite(config.pgliteDir)
}
