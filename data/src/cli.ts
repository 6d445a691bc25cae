// db:migrate, db:seed, db:reset and data:fetch.
import { rmSync } from 'node:fs'
import { emptyPublicSchema } from './db/citus.ts'
import { dbConfigFromEnv, migrate, openDb } from './db/index.ts'
import { openPglite } from './db/pglite.ts'
import { DEFAULT_SEED, isSeeded, seed } from './seed/index.ts'
import { areaFromEnv } from './sources/area.ts'
import { resolveLayers } from './sources/layers.ts'

const command = process.argv[2]
const seedValue = process.env.SEED ? Number(process.env.SEED) : DEFAULT_SEED
const demo = process.env.DEMO_DATA !== 'false'

async function main() {
  if (command === 'fetch') {
    // The recipes need PostGIS: a throwaway embedded database does the unions.
    const scratch = await openPglite()
    try {
      await scratch.exec('create extension if not exists postgis')
      const { files, missing } = await resolveLayers(scratch, areaFromEnv())
      for (const [id, buf] of files) console.log(`ok  ${id}  ${buf.length} bytes`)
      for (const m of missing) console.log(`missing (optional)  ${m.path}`)
    } finally {
      await scratch.close()
    }
    return
  }
  const config = dbConfigFromEnv()
  if (command === 'reset') {
    if (config.databaseUrl) {
      const db = await openDb(config)
      await emptyPublicSchema(db)
      await db.close()
    } else if (config.pgliteDir) {
      rmSync(config.pgliteDir, { recursive: true, force: true })
    }
    console.log('database emptied')
  }
  const db = await openDb(config)
  try {
    const applied = await migrate(db)
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date')
    if (command === 'seed' || command === 'reset') {
      if (await isSeeded(db)) console.log('already seeded; use db:reset to start again')
      else {
        const report = await seed(db, { seed: seedValue, demo })
        console.log(`seeded in ${(report.ms / 1000).toFixed(1)} s:`, report.counts)
      }
    }
  } finally {
    await db.close()
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
