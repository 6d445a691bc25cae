import type { AppDeps } from '../context.ts'
import { scopeProvinces } from '../services/area.ts'
import type { IncidentFilters, TileLayer } from './layers.ts'
import { renderTile } from './render.ts'
import { type CachedTile, packTile, TileCache } from './tile-cache.ts'
import type { TileAddress } from './tile-sql.ts'

/** Gzipped tiles kept in memory, across requests (TILE_CACHE_MB, default 64). */
export const tileCache = new TileCache(Number(process.env.TILE_CACHE_MB || 64) * 1024 * 1024)

/**
 * Who sees which rows: callers with different database roles or commune scopes get different tiles
 * (row-level security), so they must not share cache entries. No caller = the application's own view.
 */
export function scopeKey(deps: AppDeps): string {
  const p = (deps as { principal?: { dbRole?: string; scope?: readonly string[] | null } | null }).principal
  return p ? `${p.dbRole}:${p.scope ? p.scope.join(',') : '*'}` : 'public'
}

export const isPrivate = (deps: AppDeps) => scopeKey(deps) !== 'public'

/** The tile from the cache, or rendered and cached; keyed by backend, scope, data version, layer, z/x/y and filters. */
export async function getTile(
  deps: AppDeps,
  layer: TileLayer,
  at: TileAddress,
  filters?: IncidentFilters,
): Promise<CachedTile> {
  const version = await deps.catalog.version()
  const key = JSON.stringify([
    deps.db.kind,
    scopeKey(deps),
    version,
    layer.id,
    at.z,
    at.x,
    at.y,
    filters ?? null,
  ])
  return tileCache.getOrRender(key, async () =>
    packTile(
      await renderTile(deps.db, layer, at, filters, await scopeProvinces(deps.db, deps.catalog)),
      version,
    ),
  )
}
