// Raw upstream files: DATA_MIRROR first, then the local cache, then the public origin (or DATA_ORIGIN).
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type RawFile, rawPath } from './manifest.ts'

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))
export const DEFAULT_CACHE_DIR = resolve(PROJECT_ROOT, '.data/sources')

export class SourceError extends Error {
  override name = 'SourceError'
}

export interface FetchOptions {
  /** a folder or http(s) base URL holding derived layers at their path, raw files under origin/<URL path> */
  mirror?: string
  /** downloaded and derived files are kept here (same layout as a mirror), so a later run needs no network */
  cacheDir?: string
  /** base URL under which the upstream URL paths are served (tests, air-gapped copies); default the real hosts */
  origin?: string
  /** allow downloading from the origin when neither the mirror nor the cache has a file (default true) */
  allowOrigin?: boolean
  /** one line per file fetched or derived (default console.log) */
  log?: (line: string) => void
}

/** DATA_MIRROR, else `../shared/data` beside the project when it exists. */
export function defaultMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DATA_MIRROR) return env.DATA_MIRROR
  const sibling = resolve(PROJECT_ROOT, '../shared/data')
  return existsSync(sibling) ? sibling : undefined
}

/** Options from the environment (DATA_MIRROR, DATA_ORIGIN), overridden by `opts`. */
export function resolveOptions(opts: FetchOptions = {}, env: NodeJS.ProcessEnv = process.env) {
  return {
    mirror: 'mirror' in opts ? opts.mirror : defaultMirror(env),
    cacheDir: opts.cacheDir ?? DEFAULT_CACHE_DIR,
    origin: opts.origin ?? (env.DATA_ORIGIN || undefined),
    allowOrigin: opts.allowOrigin !== false,
    log: opts.log ?? ((line: string) => console.log(line)),
  }
}

export const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex')
/** The id git gives a file's content (what GitHub lists for a file at a commit). */
export const gitBlobSha1 = (buf: Uint8Array) =>
  createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex')
export const isUrl = (s: string) => /^https?:\/\//.test(s)
export const joinLocation = (base: string, path: string) =>
  isUrl(base) ? `${base.replace(/\/+$/, '')}/${path}` : join(base, path)

export function formatSize(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`
}

/** A download; a dropped connection (a reused keep-alive socket the server had closed) is tried twice more. */
async function download(url: string): Promise<Buffer> {
  for (let attempt = 1; ; attempt++) {
    let res: Response
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(120_000) })
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      if (attempt < 3 && !(err instanceof DOMException)) continue
      throw new Error(`${(err as Error).message}${cause ? ` (${cause.code ?? cause.message})` : ''}`)
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return Buffer.from(await res.arrayBuffer())
  }
}

/** Reads a local path or downloads a URL; a missing local file is reported as 'not found'. */
export async function load(where: string): Promise<Buffer> {
  return isUrl(where) ? download(where) : readFileSync(where)
}

export function describeFailure(err: unknown): string {
  return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message
}

/** Why `buf` is not the pinned raw file, or null if it is. */
export function rawMismatch(raw: RawFile, buf: Uint8Array): string | null {
  if (raw.sha256) {
    const got = sha256(buf)
    return got === raw.sha256 ? null : `SHA-256 ${got}, expected ${raw.sha256}`
  }
  const got = gitBlobSha1(buf)
  return got === raw.git_blob_sha1 ? null : `git blob SHA-1 ${got}, expected ${raw.git_blob_sha1}`
}

export function writeCached(cacheDir: string, path: string, buf: Uint8Array): void {
  const file = join(cacheDir, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, buf)
}

/** The places a raw file is looked for, in order. */
export function rawLocations(raw: RawFile, opts: FetchOptions = {}): { where: string; remote: boolean }[] {
  const o = resolveOptions(opts)
  const path = rawPath(raw)
  const out: { where: string; remote: boolean }[] = []
  if (o.mirror) out.push({ where: joinLocation(o.mirror, `origin/${path}`), remote: isUrl(o.mirror) })
  out.push({ where: join(o.cacheDir, 'origin', path), remote: false })
  if (o.allowOrigin) out.push({ where: o.origin ? joinLocation(o.origin, path) : raw.url, remote: true })
  return out
}

/**
 * One raw upstream file, checked against its pinned hash. What is downloaded is kept in the cache.
 * Fails naming the file and every place looked, with what was wrong at each.
 */
export async function fetchRaw(raw: RawFile, opts: FetchOptions = {}): Promise<Buffer> {
  const o = resolveOptions(opts)
  const tried: string[] = []
  for (const { where, remote } of rawLocations(raw, opts)) {
    let buf: Buffer
    const t0 = Date.now()
    try {
      buf = await load(where)
    } catch (err) {
      tried.push(`${where} (${describeFailure(err)})`)
      continue
    }
    const wrong = rawMismatch(raw, buf)
    if (wrong) {
      tried.push(`${where} (${wrong})`)
      continue
    }
    // a file pinned by its git blob id: its SHA-256 printed, to be recorded in the manifest
    const digest = raw.sha256 ? '' : `  SHA-256 ${sha256(buf)}`
    if (remote) {
      writeCached(o.cacheDir, `origin/${rawPath(raw)}`, buf)
      o.log(`  ↓ ${formatSize(buf.length)}  ${rawPath(raw)}  from ${where}  (${Date.now() - t0} ms)${digest}`)
    } else o.log(`  ${formatSize(buf.length)}  ${rawPath(raw)}  from ${where}${digest}`)
    return buf
  }
  throw new SourceError(
    `raw file ${rawPath(raw)} (${raw.id}) could not be resolved; looked in:\n  - ${tried.join('\n  - ')}`,
  )
}
