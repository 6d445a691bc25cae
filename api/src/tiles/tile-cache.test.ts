import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { packTile, TileCache } from './tile-cache.ts'

const tile = (n: number) => ({ gzip: new Uint8Array(n), bytes: n, etag: String(n) })

describe('the tile cache', () => {
  it('keeps gzipped bytes and an ETag that changes with the tile and with the data version', async () => {
    const bytes = new TextEncoder().encode('tile bytes '.repeat(50))
    const packed = await packTile(bytes, '12.1700000000')
    expect(new Uint8Array(gunzipSync(packed.gzip))).toEqual(bytes)
    expect(packed.bytes).toBe(bytes.length)
    expect((await packTile(bytes, '13.1700000000')).etag).not.toBe(packed.etag)
    expect((await packTile(bytes.slice(1), '12.1700000000')).etag).not.toBe(packed.etag)
    expect((await packTile(new Uint8Array(0), '1')).gzip.length).toBe(0)
  })

  it('evicts the least recently used tiles when over its byte budget', () => {
    const cache = new TileCache(1000)
    cache.set('a', tile(300))
    cache.set('b', tile(300))
    cache.get('a')
    cache.set('c', tile(300))
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.get('c')).toBeDefined()
    expect(cache.stats.bytes).toBeLessThanOrEqual(1000)
    cache.set('huge', tile(5000))
    expect(cache.get('huge')).toBeUndefined()
  })

  it('renders a tile once for concurrent requests', async () => {
    const cache = new TileCache(10_000)
    let renders = 0
    const render = async () => {
      renders++
      await new Promise((r) => setTimeout(r, 10))
      return tile(10)
    }
    const [a, b] = await Promise.all([cache.getOrRender('k', render), cache.getOrRender('k', render)])
    expect(a).toBe(b)
    expect(renders).toBe(1)
    await cache.getOrRender('k', render)
    expect(renders).toBe(1)
  })
})
