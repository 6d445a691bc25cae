import { rmSync } from 'node:fs'
import { type Db, openPglite, openPostgres } from '@antt/data/db'
import { copyTestTemplate, prepareTestDatabases } from '@antt/data/testing'

export interface BenchBackend {
  name: string
  open: () => Promise<{ db: Db; close: () => Promise<void> }>
}

/** The databases a benchmark measures: a private copy of the seeded embedded template, and the server at DATABASE_URL if set. */
export function benchBackends(): BenchBackend[] {
  const backends: BenchBackend[] = [
    {
      name: 'embedded (PGlite)',
      open: async () => {
        await prepareTestDatabases()
        const dir = await copyTestTemplate()
        const db = await openPglite(dir)
        return {
          db,
          close: async () => {
            await db.close()
            rmSync(dir, { recursive: true, force: true })
          },
        }
      },
    },
  ]
  const url = process.env.DATABASE_URL
  if (url)
    backends.push({
      name: 'server (PostgreSQL)',
      open: async () => {
        const db = await openPostgres(url, { max: 4 })
        return { db, close: () => db.close() }
      },
    })
  return backends
}
