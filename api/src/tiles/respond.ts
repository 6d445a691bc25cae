import { gunzipSync } from 'node:zlib'
import { acceptsGzip, noneMatchHits } from './conditional.ts'
import type { CachedTile } from './tile-cache.ts'

/** Browsers and MapLibre revalidate after this many seconds; the ETag makes revalidation cheap. */
export const TILE_MAX_AGE_S = 60
export const MVT_TYPE = 'application/vnd.mapbox-vector-tile'

/**
 * 200 with the tile (gzipped when accepted), 204 for an empty tile (MapLibre draws nothing and does
 * not retry), 304 when If-None-Match names the current tile. The gzipped and plain bodies are different
 * representations, so they carry different strong ETags; either one revalidates.
 */
export function tileResponse(request: Headers, tile: CachedTile, opts: { private: boolean }): Response {
  const gzip = tile.bytes > 0 && acceptsGzip(request.get('accept-encoding') ?? undefined)
  const etags = [`"${tile.etag}"`, `"${tile.etag}-gzip"`]
  const headers = new Headers({
    'cache-control': `${opts.private ? 'private' : 'public'}, max-age=${TILE_MAX_AGE_S}, must-revalidate`,
    etag: gzip ? etags[1] : etags[0],
    vary: 'Accept-Encoding',
  })
  if (noneMatchHits(request.get('if-none-match') ?? undefined, etags))
    return new Response(null, { status: 304, headers })
  if (tile.bytes === 0) return new Response(null, { status: 204, headers })
  const body = gzip ? tile.gzip : new Uint8Array(gunzipSync(tile.gzip))
  headers.set('content-type', MVT_TYPE)
  headers.set('content-length', String(body.length))
  if (gzip) headers.set('content-encoding', 'gzip')
  return new Response(body, { status: 200, headers })
}
