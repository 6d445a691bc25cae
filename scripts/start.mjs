// `pnpm start`: build the client if needed, then run the server (migrates and seeds an empty database).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { buildClientIfStale } from './client-build.mjs'

const root = fileURLToPath(new URL('../', import.meta.url))
buildClientIfStale()
const child = spawn(process.execPath, ['--import', 'tsx', 'api/src/server.ts'], {
  cwd: root,
  stdio: 'inherit',
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
