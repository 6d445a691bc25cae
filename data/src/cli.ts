// db:migrate, db:seed, db:reset and data:fetch.
import { rmSync } from 'node:fs'
import { dbConfigFromEnv, migrate, openDb } from './db/index.ts'
import { DEFAULT_SEED, isSeeded, seed } from './seed/index.ts'
import { fetchSource, readManifest } from './sources/fetch.ts'

const command = process.argv[2]
const seedValue = process.env.SEED ? Number(process.env.SEED) : DEFAULT_SEED
const demo = process.env.DEMO_DATA !== 'false'

async function main() {
  if (command === 'fetch') {
    for (const src of readManifest()) {
      const buf = await fetchSource(src)
      console.log(`ok  ${src.path}  ${buf.length} bytes  sha256 ${src.sha256.slice(0, 12)}…`)
    }
    return
  }
  const config = dbConfigFromEnv()
  if (command === 'reset') {
    if (config.databaseUrl) {
      const db = await openDb(config)
      await db.exec('drop schema public cascade; create schema public;')
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
