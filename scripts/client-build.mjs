// Builds the client when client/dist is missing or older than its sources.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const client = join(root, 'client')

function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return Math.max(
    0,
    ...readdirSync(path)
      .filter((f) => f !== 'node_modules')
      .map((f) => newest(join(path, f))),
  )
}

export function buildClientIfStale() {
  const built = join(client, 'dist/index.html')
  const sources = Math.max(
    newest(join(client, 'src')),
    newest(join(client, 'public')),
    newest(join(client, 'index.html')),
    newest(join(client, 'vite.config.ts')),
    newest(join(root, 'analysis/src')),
    newest(join(root, 'contract/src')),
  )
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return false
  console.log('building the client…')
  const t0 = Date.now()
  execFileSync(
    process.execPath,
    [join(client, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: client,
      stdio: 'inherit',
    },
  )
  console.log(`client built in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return true
}
