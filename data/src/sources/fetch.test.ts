import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultMirror, fetchSource, readManifest, SourceError } from './fetch.ts'

const communes = () => readManifest().find((s) => s.id === 'communes_2025')!

describe('source files', () => {
  it('lists every boundary file with origin, licence and SHA-256', () => {
    for (const src of readManifest()) {
      expect(src.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(src.licence.length).toBeGreaterThan(2)
      expect(src.origin).toMatch(/github\.com|derived/)
    }
  })

  it('resolves a file from the mirror when its hash matches', async () => {
    const buf = await fetchSource(communes(), { mirror: defaultMirror(), allowOrigin: false })
    expect(JSON.parse(buf.toString('utf8')).features).toHaveLength(99)
  })

  it('fails naming the file and every place looked when the hash differs', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'mirror-'))
    mkdirSync(join(mirror, 'laocai'))
    writeFileSync(join(mirror, 'laocai/communes_2025.geojson'), '{"type":"FeatureCollection","features":[]}')
    const cacheDir = mkdtempSync(join(tmpdir(), 'cache-'))
    const err = await fetchSource(communes(), { mirror, cacheDir, allowOrigin: false }).catch((e) => e)
    expect(err).toBeInstanceOf(SourceError)
    expect(err.message).toContain('laocai/communes_2025.geojson')
    expect(err.message).toContain(join(mirror, 'laocai/communes_2025.geojson'))
    expect(err.message).toContain('expected d5ee1935')
    expect(err.message).toContain(join(cacheDir, 'laocai/communes_2025.geojson'))
  })

  it('fails with a clear message when the file is missing everywhere', async () => {
    const mirror = mkdtempSync(join(tmpdir(), 'mirror-'))
    const cacheDir = mkdtempSync(join(tmpdir(), 'cache-'))
    await expect(fetchSource(communes(), { mirror, cacheDir, allowOrigin: false })).rejects.toThrow(
      /not found[\s\S]*not found/,
    )
  })
})
