import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fetchRaw, gitBlobSha1, rawLocations, SourceError } from './fetch.ts'
import { rawPath, readManifest } from './manifest.ts'

const manifest = readManifest()
const wards = () => manifest.raw.find((r) => r.id === 'wards_15')!

describe('source manifest', () => {
  it('pins every raw file to a commit with a content hash and a licence', () => {
    for (const raw of manifest.raw) {
      expect(raw.url).toMatch(/^https:\/\/raw\.githubusercontent\.com\/[^/]+\/[^/]+\/[0-9a-f]{8,40}\//)
      expect(raw.sha256 ?? raw.git_blob_sha1).toMatch(/^[0-9a-f]{40}([0-9a-f]{24})?$/)
      expect(raw.licence.length).toBeGreaterThan(2)
    }
  })

  it('derives every layer from listed raw files, and requires only the current boundaries', () => {
    const ids = new Set(manifest.raw.map((r) => r.id))
    for (const layer of manifest.layers)
      for (const id of layer.from) expect(ids, `${layer.id} ← ${id}`).toContain(id)
    // the national layers: the communes, and the provinces and land border derived from them
    expect(manifest.layers.filter((l) => l.required).map((l) => l.id)).toEqual([
      'communes_2025',
      'provinces_2025',
      'land_border',
    ])
  })
})

describe('raw files', () => {
  it('looks in the mirror, then the cache, then the origin (DATA_ORIGIN when set)', () => {
    const where = rawLocations(wards(), { mirror: '/m', cacheDir: '/c', origin: 'http://127.0.0.1:9/' })
    const path = rawPath(wards())
    expect(where.map((w) => w.where)).toEqual([
      `/m/origin/${path}`,
      `/c/origin/${path}`,
      `http://127.0.0.1:9/${path}`,
    ])
    expect(rawLocations(wards(), { mirror: undefined, cacheDir: '/c' }).at(-1)?.where).toBe(wards().url)
  })

  it('fails naming the file and every place looked when the content differs', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'mirror-'))
    const file = join(mirror, 'origin', rawPath(wards()))
    mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(file, '{}')
    const cacheDir = mkdtempSync(join(tmpdir(), 'cache-'))
    const err = await fetchRaw(wards(), { mirror, cacheDir, allowOrigin: false }).catch((e) => e)
    expect(err).toBeInstanceOf(SourceError)
    expect(err.message).toContain(`${file} (SHA-256 `)
    expect(err.message).toContain('expected 23762e90')
    expect(err.message).toContain(`${join(cacheDir, 'origin', rawPath(wards()))} (not found)`)
  })

  it('checks a file known by its git blob id as git does', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobSha1(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a')
  })
})
