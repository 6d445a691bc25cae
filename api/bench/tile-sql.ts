// How much of a tile request is its SQL: used by api.bench.ts for BENCHMARKS.md.
import type { Db } from '@antt/data/db'
import { type IncidentFilters, TILE_LAYERS } from '../src/tiles/layers.ts'
import { tileCache } from '../src/tiles/tile-service.ts'
import { tileQuery } from '../src/tiles/tile-sql.ts'

export interface TileBenchCase {
  layer: string
  z: number
  x: number
  y: number
}

export interface TileBenchResult extends TileBenchCase {
  /** median time of the tile's SQL alone (server: ST_AsMVT; embedded: the GeoJSON rows, before Node encodes) */
  sqlMs: number
  /** median time of GET /tiles/… with a cold tile cache: auth, validation, SQL, encoding, gzip, headers */
  apiMs: number
  /** apiMs / sqlMs */
  ratio: number
  status: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/**
 * Times each tile `runs` times both ways, after one warm-up. `request` is an app request function
 * (e.g. from testing.ts `signIn`); `db` is the same database, used directly. The tile cache is emptied
 * before every API request, so each one renders.
 */
export async function benchTileSql(
  db: Pick<Db, 'kind' | 'query'>,
  request: (path: string) => Promise<Response>,
  cases: readonly TileBenchCase[],
  opts: { runs?: number; filters: IncidentFilters },
): Promise<TileBenchResult[]> {
  const runs = opts.runs ?? 5
  const { from, to, categories } = opts.filters
  const search = `?from=${from}&to=${to}${categories ? `&categories=${categories.join(',')}` : ''}`
  const results: TileBenchResult[] = []
  for (const c of cases) {
    const layer = TILE_LAYERS.get(c.layer)
    if (!layer) throw new Error(`unknown tile layer ${c.layer}`)
    const q = tileQuery(db.kind, layer, c, opts.filters)
    const path = `/tiles/${c.layer}/${c.z}/${c.x}/${c.y}.mvt${layer.incidentFilters ? search : ''}`
    let status = 0
    const api = async () => {
      tileCache.clear()
      const res = await request(path)
      await res.arrayBuffer()
      status = res.status
    }
    await db.query(q.sql, q.args)
    await api()
    const sql: number[] = []
    const full: number[] = []
    for (let i = 0; i < runs; i++) {
      sql.push(await time(() => db.query(q.sql, q.args)))
      full.push(await time(api))
    }
    const sqlMs = median(sql)
    const apiMs = median(full)
    results.push({ ...c, sqlMs, apiMs, ratio: apiMs / sqlMs, status })
  }
  return results
}
