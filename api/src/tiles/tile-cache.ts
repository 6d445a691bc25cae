import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip as gzipCb } from 'node:zlib'

const gzip = promisify(gzipCb)

/** A rendered tile as kept in the cache: gzipped bytes (empty for an empty tile) and its validator. */
export interface CachedTile {
  gzip: Uint8Array
  /** length of the tile before compression; 0 = empty tile */
  bytes: number
  /** strong validator without quotes: hash of the tile bytes and the data version */
  etag: string
}

export async function packTile(tile: Uint8Array, dataVersion: string): Promise<CachedTile> {
  const etag = createHash('sha256')
    .update(tile)
    .update('\0')
    .update(dataVersion)
    .digest('base64url')
    .slice(0, 27)
  return { gzip: tile.length ? new Uint8Array(await gzip(tile)) : tile, bytes: tile.length, etag }
}

/**
 * Least-recently-used tiles bounded by their gzipped size. Keys carry the data version, so after a
 * write old entries are never hit again and age out; concurrent requests for one key share one render.
 */
export class TileCache {
  private readonly map = new Map<string, CachedTile>()
  private readonly pending = new Map<string, Promise<CachedTile>>()
  private size = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedTile | undefined {
    const hit = this.map.get(key)
    if (hit) {
      this.map.delete(key)
      this.map.set(key, hit)
    }
    return hit
  }

  set(key: string, tile: CachedTile): void {
    this.delete(key)
    const cost = tile.gzip.length + key.length + 64
    if (cost > this.maxBytes) return
    this.map.set(key, tile)
    this.size += cost
    for (const [oldest] of this.map) {
      if (this.size <= this.maxBytes) break
      this.delete(oldest)
    }
  }

  private delete(key: string) {
    const old = this.map.get(key)
    if (!old) return
    this.map.delete(key)
    this.size -= old.gzip.length + key.length + 64
  }

  async getOrRender(key: string, render: () => Promise<CachedTile>): Promise<CachedTile> {
    const hit = this.get(key)
    if (hit) return hit
    let job = this.pending.get(key)
    if (!job) {
      job = render().finally(() => this.pending.delete(key))
      this.pending.set(key, job)
      this.set(key, await job)
    }
    return job
  }

  clear(): void {
    this.map.clear()
    this.size = 0
  }

  get stats() {
    return { entries: this.map.size, bytes: this.size }
  }
}
