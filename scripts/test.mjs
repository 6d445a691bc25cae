// `pnpm test`: build the client if needed (the browser tests load the built app), then run every test.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { buildClientIfStale } from './client-build.mjs'

const root = fileURLToPath(new URL('../', import.meta.url))
buildClientIfStale()
const res = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(res.status ?? 1)
