// Builds one embedded template database: `build-template.ts <dir> <seed options as JSON>`. Run as a child process
// by the test fixtures, so that a seed's long statements (minutes for the whole country) block this process
// and not the test worker, whose messages to the test runner time out after a minute of silence.

import { migrate, openPglite } from '../db/index.ts'
import { seed } from '../seed/index.ts'

const [dir, options] = process.argv.slice(2)
const db = await openPglite(dir)
await migrate(db)
await seed(db, JSON.parse(options))
await db.close()
