import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface SourceFile {
  id: string
  path: string
  what: string
  origin: string
  url: string
  licence: string
  sha256: string
}

const MANIFEST = fileURLToPath(new URL('../../sources.json', import.meta.url))
const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export function readManifest(file = MANIFEST): SourceFile[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { files: SourceFile[] }).files
}

export class SourceError extends Error {
  override name = 'SourceError'
}

/** DATA_MIRROR, else `../shared/data` beside the project when it exists. */
export function defaultMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.DATA_MIRROR) return env.DATA_MIRROR
  const sibling = resolve(PROJECT_ROOT, '../shared/data')
  return existsSync(sibling) ? sibling : undefined
}

const sha256 = (buf: Uint8Array) => createHash('sha256').update(buf).digest('hex')
const isUrl = (s: string) => /^https?:\/\//.test(s)

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  return Buffer.from(await res.arrayBuffer())
}

export interface FetchOptions {
  mirror?: string
  /** downloaded files are kept here, so a second run needs no network */
  cacheDir?: string
  /** allow downloading from the public origin when the mirror lacks the file (default true) */
  allowOrigin?: boolean
}

/**
 * Resolves one manifest file to its bytes: the mirror first, then the cache, then the origin.
 * The SHA-256 must match the manifest; otherwise the error names the file and every place tried.
 */
export async function fetchSource(src: SourceFile, opts: FetchOptions = {}): Promise<Buffer> {
  const mirror = opts.mirror ?? defaultMirror()
  const cacheDir = opts.cacheDir ?? resolve(PROJECT_ROOT, '.data/sources')
  const tried: string[] = []

  const candidates: { where: string; load: () => Promise<Buffer> }[] = []
  if (mirror) {
    const where = isUrl(mirror) ? `${mirror.replace(/\/$/, '')}/${src.path}` : join(mirror, src.path)
    candidates.push({ where, load: async () => (isUrl(where) ? download(where) : readFileSync(where)) })
  }
  const cached = join(cacheDir, src.path)
  candidates.push({ where: cached, load: async () => readFileSync(cached) })
  if (opts.allowOrigin !== false) {
    candidates.push({
      where: src.url,
      load: async () => {
        const buf = await download(src.url)
        if (sha256(buf) === src.sha256) {
          mkdirSync(dirname(cached), { recursive: true })
          writeFileSync(cached, buf)
        }
        return buf
      },
    })
  }

  for (const c of candidates) {
    let buf: Buffer
    try {
      buf = await c.load()
    } catch (err) {
      tried.push(
        `${c.where} (${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message})`,
      )
      continue
    }
    const got = sha256(buf)
    if (got === src.sha256) return buf
    tried.push(`${c.where} (SHA-256 ${got}, expected ${src.sha256})`)
  }
  throw new SourceError(
    `data file ${src.path} (${src.id}) could not be resolved with a matching SHA-256; looked in:\n  - ${tried.join('\n  - ')}\n` +
      'Set DATA_MIRROR to a folder or URL that holds the files listed in data/sources.json.',
  )
}

/** Every manifest file, parsed by id (GeoJSON as objects, CSV as text). */
export async function fetchAllSources(opts: FetchOptions = {}): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const src of readManifest()) out.set(src.id, await fetchSource(src, opts))
  return out
}
