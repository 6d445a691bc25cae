// Shared test fixtures: one seeded database per backend, prepared once by the global setup.

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prepareCitusDatabase } from '../db/citus.ts'
import { type Db, emptyPublicSchema, isCitus, migrate, openPglite, openPostgres } from '../db/index.ts'
import type { DemoSize } from '../seed/demo-size.ts'
import { DEFAULT_SEED, seed } from '../seed/index.ts'
import { type Area, NATIONAL } from '../sources/area.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const TEMPLATE_DIR = join(ROOT, '.data/test/pglite-template')
export const TEST_SEED = DEFAULT_SEED

export type Backend = 'embedded' | 'postgres' | 'citus'

/**
 * The backends under test: the embedded database; the server too when TEST_DATABASE_URL is set; a Citus
 * cluster (its coordinator) when TEST_CITUS_URL is set.
 */
export function backends(): Backend[] {
  const all: Backend[] = [
    'embedded',
    ...(process.env.TEST_DATABASE_URL ? (['postgres'] as const) : []),
    ...(process.env.TEST_CITUS_URL ? (['citus'] as const) : []),
  ]
  // TEST_BACKENDS=citus: only those of the configured ones (CI runs the national subset on the cluster alone)
  const only = process.env.TEST_BACKENDS?.split(',')
  return only ? all.filter((b) => only.includes(b)) : all
}

/** Why the Citus tests are skipped, or undefined when a cluster is configured. */
export const CITUS_SKIPPED = process.env.TEST_CITUS_URL
  ? undefined
  : 'no Citus cluster configured: set TEST_CITUS_URL to its coordinator (see README, "Running on Citus")'

/** The server URL of a backend: TEST_DATABASE_URL or TEST_CITUS_URL. */
export function serverUrl(backend: Exclude<Backend, 'embedded'>): string {
  const url = backend === 'citus' ? process.env.TEST_CITUS_URL : process.env.TEST_DATABASE_URL
  if (!url) throw new Error(`no ${backend === 'citus' ? 'TEST_CITUS_URL' : 'TEST_DATABASE_URL'} set`)
  return url
}

/** Fingerprint of what a seeded database depends on: the migrations and the seed code. */
function fingerprint(): string {
  const h = createHash('sha256')
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (!f.endsWith('.test.ts')) h.update(f).update(readFileSync(p))
    }
  }
  walk(join(ROOT, 'sql'))
  walk(join(ROOT, 'data/src/seed'))
  return h.update(String(TEST_SEED)).digest('hex')
}

/** A lock left by a process that has gone (killed mid-build), or older than ten minutes. */
function lockIsStale(lock: string): boolean {
  const st = statSync(lock, { throwIfNoEntry: false })
  if (!st) return false
  if (Date.now() - st.mtimeMs > 10 * 60_000) return true
  const pidFile = join(lock, 'pid')
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : Number.NaN
  if (!Number.isInteger(pid)) return Date.now() - st.mtimeMs > 5_000 // made, pid not yet written
  try {
    process.kill(pid, 0)
    return false
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** Runs `fn` while holding a lock directory, so concurrent test runs do not build one template twice. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${name}.lock`
  mkdirSync(dirname(lock), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      break
    } catch {
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true })
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  try {
    return await fn()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

/** Called once per test run (vitest globalSetup): seeds the template databases if out of date. */
export async function prepareTestDatabases(): Promise<void> {
  const fp = fingerprint()
  await buildTemplate(TEMPLATE_DIR, fp, { seed: TEST_SEED })
  for (const url of [process.env.TEST_DATABASE_URL, process.env.TEST_CITUS_URL]) {
    if (!url) continue
    if (url === process.env.TEST_CITUS_URL) await makeClusterDatabase(url)
    const db = await openPostgres(url, { max: 1 })
    await seedServerDb(db, fp, { seed: TEST_SEED })
    await db.close()
  }
}

/**
 * Makes TEST_CITUS_URL's database a database of the cluster when it is not one yet (a database of its own
 * beside the coordinator's `postgres`, which holds the cluster's nodes): without the citus extension it would
 * be a plain database on the coordinator's server, and the cluster's tests would pass without a cluster. A
 * database seeded before that is emptied, to be seeded again and distributed.
 */
async function makeClusterDatabase(url: string): Promise<void> {
  const db = await openPostgres(url, { max: 1 })
  try {
    if (await isCitus(db)) return
    const name = new URL(url).pathname.slice(1)
    const cluster = new URL(url)
    cluster.pathname = '/postgres'
    await prepareCitusDatabase(cluster.toString(), name)
    await emptyPublicSchema(db)
  } finally {
    await db.close()
  }
}

type SeedOptions = Parameters<typeof seed>[1]

/** Builds an embedded template database in `dir`, unless it already holds the data of fingerprint `fp`. */
async function buildTemplate(dir: string, fp: string, options: SeedOptions): Promise<void> {
  const stamp = join(dir, '.fingerprint')
  await withLock(dir, async () => {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fp) return
    rmSync(dir, { recursive: true, force: true })
    await buildInChild(dir, options)
    writeFileSync(stamp, fp)
  })
}

/**
 * Migrates and seeds an embedded database in a child process (build-template.ts). In the caller's own process
 * a statement of several minutes would starve its event loop: in a test worker, the runner's messages then time
 * out and fail the run.
 */
function buildInChild(dir: string, options: SeedOptions): Promise<void> {
  const script = fileURLToPath(new URL('./build-template.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', script, dir, JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`building the test database in ${dir} failed (${signal ?? `exit code ${code}`})`)),
    )
  })
}

/** Seeds a server database afresh, unless it already holds the data of fingerprint `fp`. */
async function seedServerDb(db: Db, fp: string, options: SeedOptions): Promise<void> {
  const [row] = await db
    .query<{ value: string }>(
      `select value #>> '{}' as value from dataset_meta where key = 'test_fingerprint'`,
    )
    .catch(() => [] as { value: string }[])
  if (row?.value === fp) return
  await emptyPublicSchema(db)
  await db.exec('create extension if not exists postgis')
  await migrate(db)
  await seed(db, options)
  await db.query(`insert into dataset_meta (key, value) values ('test_fingerprint', to_jsonb($1::text))`, [
    fp,
  ])
}

/** A private copy of a template database in a new folder, taken under the template's lock. */
async function copyTemplate(template: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'antt-test-'))
  await withLock(template, async () => cpSync(template, dir, { recursive: true }))
  return dir
}

const opened: { db: Db; dir?: string }[] = []

/**
 * A seeded database for one test file. Embedded: a private copy of the template, so a test may
 * write freely. Server: the shared test database; tests that write must roll back or clean up.
 */
export async function openTestDb(backend: Backend): Promise<Db> {
  if (backend !== 'embedded') {
    const db = await openPostgres(serverUrl(backend), { max: 4 })
    opened.push({ db })
    return db
  }
  const dir = await copyTestTemplate()
  const db = await openPglite(dir)
  opened.push({ db, dir })
  return db
}

/**
 * A private copy of the seeded embedded database in a new folder. Copied under the lock, so a concurrent run
 * rebuilding the template is never copied half-written.
 */
export function copyTestTemplate(): Promise<string> {
  return copyTemplate(TEMPLATE_DIR)
}

export async function closeTestDbs(): Promise<void> {
  for (const { db, dir } of opened.splice(0)) {
    await db.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }
}

const areaDbName = (url: URL, code: string) => `${url.pathname.slice(1)}_area_${code}`

/** The URL of the server database openAreaTestDb() keeps for an area, for a connection of a test's own. */
export function areaTestDbUrl(backend: Exclude<Backend, 'embedded'>, code: string): string {
  const url = new URL(serverUrl(backend))
  url.pathname = `/${areaDbName(url, code)}`
  return url.toString()
}

/**
 * A seeded database of another area (e.g. Cao Bằng, '04', or the whole country, 'VN'), for the tests of AREA,
 * with demo data of `size` (default: the area's natural size). Built on first use and kept like the default
 * template (embedded: a template folder per area, copied for each caller; server: a database of its own beside
 * TEST_DATABASE_URL's, named after it), so that only the first run pays for the seed.
 */
export async function openAreaTestDb(backend: Backend, code: string, size?: DemoSize): Promise<Db> {
  const area: Area = { code, provinces: code === NATIONAL ? null : [code] }
  const fp = createHash('sha256')
    .update(fingerprint())
    .update(code)
    .update(JSON.stringify(size ?? null))
    .digest('hex')
  if (backend !== 'embedded') {
    const url = new URL(serverUrl(backend))
    const name = areaDbName(url, code)
    const admin = await openPostgres(url.toString(), { max: 1 })
    const [exists] = await admin.query('select 1 from pg_database where datname = $1', [name])
    if (!exists) await admin.exec(`create database "${name}"`)
    if (backend === 'citus') await prepareCitusDatabase(url.toString(), name)
    await admin.close()
    url.pathname = `/${name}`
    const db = await openPostgres(url.toString(), { max: 4 })
    await db.exec('create extension if not exists postgis')
    // under a lock: two test files that open the same area at once would otherwise both seed it, into the same
    // schema (seen on the cluster: "duplicate key value violates unique constraint pg_type_typname_nsp_index")
    await withLock(`${TEMPLATE_DIR}-${name}`, () => seedServerDb(db, fp, { area, seed: TEST_SEED, size }))
    opened.push({ db })
    return db
  }
  const template = `${TEMPLATE_DIR}-${code}`
  await buildTemplate(template, fp, { area, seed: TEST_SEED, size })
  const dir = await copyTemplate(template)
  const db = await openPglite(dir)
  opened.push({ db, dir })
  return db
}
