/**
 * Hostile uploads: each file of the hostile corpus (api/src/imports/fixtures/hostile.ts, at benchmark
 * scale) and a few larger floods, sent to POST /api/imports in a fresh process, with the status, the time
 * and the process's peak resident memory (the kernel's high-water mark) before and after the upload.
 *
 *   npx tsx api/bench/hostile-upload.bench.ts                       # embedded database (a copy of the seeded test template)
 *   DATABASE_URL=postgres://… npx tsx api/bench/hostile-upload.bench.ts
 *   BENCH_SCALE=4 npx tsx api/bench/hostile-upload.bench.ts        # smaller bombs (default 16: a 1 GB worksheet)
 *   BENCH_CASES='bomb|flood' BENCH_TIMEOUT_S=120 npx tsx api/bench/hostile-upload.bench.ts
 *   BENCH_READER=1 npx tsx api/bench/hostile-upload.bench.ts     # the file reader alone, no database nor HTTP
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { openPostgres } from '@antt/data/db'
import { closeTestDbs, openTestDb, prepareTestDatabases } from '@antt/data/testing'
import { createApp } from '../src/app.ts'
import { type Hostile, hostileCorpus } from '../src/imports/fixtures/hostile.ts'
import { KINDS } from '../src/imports/kinds/index.ts'
import type { ImportKind } from '../src/imports/kinds/types.ts'
import { openTable } from '../src/imports/read/source.ts'
import { benchSignIn } from './backends.ts'

const SCALE = Number(process.env.BENCH_SCALE ?? 16)
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 240) * 1000
/** only the uploads whose name matches, e.g. BENCH_CASES='bomb|flood' */
const ONLY = new RegExp(process.env.BENCH_CASES ?? '')
const MB = 1024 * 1024
const utf8 = (s: string) => new TextEncoder().encode(s)

/** Floods as large as an upload may be (the import route takes up to 64 MB). */
function floods(only: (name: string) => boolean): Hostile[] {
  const feature = (extra: string) =>
    `{"type":"Feature","properties":{"Mã hồ sơ":"X1"},"geometry":{"type":"Point","coordinates":[104,22.5]${extra}}}`
  const all: (Omit<Hostile, 'bytes'> & { make: () => Uint8Array })[] = [
    {
      name: 'geojson, 60 MB of [] in one feature',
      file: 'flood.geojson',
      kind: 'incidents',
      refusal: /over 32 MB/,
      make: () =>
        utf8(
          `{"type":"FeatureCollection","features":[${feature(`,"x":[${'[],'.repeat((60 * MB) / 3)}[]]`)}]}`,
        ),
    },
    {
      name: 'geojson, 30 MB of [] over 3,000 features',
      file: 'flood.geojson',
      kind: 'incidents',
      refusal: /more than 8,000,000 arrays and objects/,
      make: () =>
        utf8(
          `{"type":"FeatureCollection","features":[${Array(3000)
            .fill(feature(`,"x":[${'[],'.repeat(Math.floor((30 * MB) / 9000))}[]]`))
            .join(',')}]}`,
        ),
    },
    {
      name: 'csv, 60 MB of commas',
      file: 'commas.csv',
      kind: 'incidents',
      refusal: /more than 16,384 cells/,
      make: () => utf8(`Mã hồ sơ,Loại vụ việc,Ngày xảy ra\r\n${','.repeat(60 * MB)}\r\n`),
    },
  ]
  return all.filter((h) => only(h.name)).map(({ make, ...h }) => ({ ...h, bytes: make() }))
}

/** The uploads measured: the corpus at benchmark scale (not its small GeoJSON cases) and the floods. */
function names(): string[] {
  const out: string[] = []
  const note = (n: string) => {
    out.push(n)
    return false
  }
  hostileCorpus(SCALE, note)
  floods(note)
  return out.filter((n) => !/^geojson .*\((incidents|villages)\)$/.test(n) && ONLY.test(n))
}

/** One upload, built alone (building them all would be counted in the process's peak memory). */
const build = (name: string): Hostile => {
  const is = (n: string) => n === name
  return [...hostileCorpus(SCALE, is), ...floods(is)][0]
}

const maxRss = () => process.resourceUsage().maxRSS * 1024
const mb = (b: number) => `${Math.round(b / MB)}`

/** One upload, in this process: prints one JSON line. */
async function child(name: string) {
  if (process.env.BENCH_READER) return readerOnly(name)
  const server = process.env.DATABASE_URL
  const db = server ? await openPostgres(server, { max: 2 }) : await openTestDb('embedded')
  const app = createApp(db)
  const { cookie, csrf } = await benchSignIn(app, 'admin')
  const h = build(name)
  const body = new FormData()
  body.set('kind', h.kind)
  body.set('file', new File([h.bytes as Uint8Array<ArrayBuffer>], h.file))
  // warm the path once with a tiny upload, so the figure is the hostile file's own cost
  const warm = new FormData()
  warm.set('kind', 'incidents')
  warm.set('file', new File([utf8('a,b\r\n1,2\r\n')], 'warm.csv'))
  await app.request('/api/imports', { method: 'POST', body: warm, headers: { cookie, 'x-csrf-token': csrf } })
  const before = maxRss()
  const t0 = performance.now()
  const res = await app.request('/api/imports', {
    method: 'POST',
    body,
    headers: { cookie, 'x-csrf-token': csrf },
  })
  const text = await res.text()
  const ms = performance.now() - t0
  let message = text.slice(0, 160)
  try {
    message = JSON.parse(text).error?.message ?? `${JSON.parse(text).rows} rows staged`
  } catch {}
  console.log(
    JSON.stringify({ status: res.status, size: h.bytes.length, ms, before, peak: maxRss(), message }),
  )
  await closeTestDbs()
  await db.close().catch(() => {})
  process.exit(0)
}

/** The reader alone, as the dry run drives it (every row read), in a process with no database. */
async function readerOnly(name: string) {
  const h = build(name)
  const before = maxRss()
  const t0 = performance.now()
  let status = 200
  let message = ''
  try {
    const table = await openTable(h.file, h.bytes, KINDS[h.kind as ImportKind])
    let n = 0
    for await (const _ of table.rows) n++
    message = `${n} rows read`
  } catch (err) {
    status = 400
    message = (err as Error).message
  }
  const ms = performance.now() - t0
  console.log(JSON.stringify({ status, size: h.bytes.length, ms, before, peak: maxRss(), message }))
  process.exit(0)
}

async function main() {
  if (!process.env.DATABASE_URL && !process.env.BENCH_READER) await prepareTestDatabases()
  const all = names()
  console.log(
    `hostile uploads, ${process.env.BENCH_READER ? 'reader alone' : process.env.DATABASE_URL ? 'server database' : 'embedded database'}, scale ${SCALE}, ${new Date().toISOString()}\n`,
  )
  console.log('| upload | size | status | time s | RSS before MB | peak RSS MB | answer |')
  console.log('|---|---|---|---|---|---|---|')
  for (const name of all) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), name], {
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * MB,
    })
    const line = run.stdout.trim().split('\n').pop() ?? ''
    if (run.status === 0 && line.startsWith('{')) {
      const r = JSON.parse(line)
      const size = r.size >= MB ? `${(r.size / MB).toFixed(1)} MB` : `${(r.size / 1024).toFixed(1)} KB`
      console.log(
        `| ${name} | ${size} | ${r.status} | ${(r.ms / 1000).toFixed(1)} | ${mb(r.before)} | ${mb(r.peak)} | ${String(r.message).replaceAll('|', '/').slice(0, 110)} |`,
      )
    } else {
      const why =
        run.error && (run.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
          ? `no answer in ${TIMEOUT_MS / 1000} s`
          : `process died (${run.signal ?? `exit ${run.status}`}): ${(run.stderr.match(/(Fatal[^\n]*|RangeError[^\n]*|invalid[^\n]*|heap[^\n]*)/i)?.[0] ?? run.stderr.trim().split('\n').pop() ?? '').slice(0, 90)}`
      console.log(`| ${name} | – | – | – | – | – | ${why} |`)
    }
  }
}

if (process.argv[2] !== undefined) await child(process.argv[2])
else await main()
