import type { Level } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import type { AppDeps } from '../../context.ts'

/** Two units are neighbours when their polygons come within this many metres (unit_neighbours, sql/functions/06_stats.sql). */
export const CONTIGUITY_TOLERANCE_M = 5

export const CONTIGUITY_RULE =
  `queen contiguity with a ${CONTIGUITY_TOLERANCE_M} m tolerance: two units are neighbours when their ` +
  `polygons share a point or come within ${CONTIGUITY_TOLERANCE_M} m of each other (distance on the sphere), ` +
  'so slivers and gaps of the simplified boundaries do not break contiguity; symmetric, no self-neighbours'

export interface Contiguity {
  level: Level
  tolerance_m: number
  /** Every unit of the level, in code order, with its neighbours in code order (empty for islands). */
  neighbours: Record<string, string[]>
  /** Units without a neighbour. */
  islands: string[]
  /** Villages without a polygon (always islands). */
  without_geometry: string[]
  /** Number of neighbour pairs (each pair once). */
  links: number
}

async function compute(db: Queryable, level: Level): Promise<Contiguity> {
  const rows = await db.query<{ code: string; neighbours: string[]; has_geometry: boolean }>(
    'select code, neighbours, has_geometry from unit_neighbours($1, $2)',
    [level, CONTIGUITY_TOLERANCE_M],
  )
  const neighbours: Record<string, string[]> = {}
  const islands: string[] = []
  const withoutGeometry: string[] = []
  let degree = 0
  for (const r of rows) {
    neighbours[r.code] = r.neighbours
    degree += r.neighbours.length
    if (r.neighbours.length === 0) islands.push(r.code)
    if (!r.has_geometry) withoutGeometry.push(r.code)
  }
  return {
    level,
    tolerance_m: CONTIGUITY_TOLERANCE_M,
    neighbours,
    islands,
    without_geometry: withoutGeometry,
    links: degree / 2,
  }
}

/**
 * Contiguity of every commune or village in the caller's scope, computed in PostGIS. Memoised by the
 * catalog (per scope, until the data changes); the computation takes about a second for the villages.
 */
export function contiguity(deps: AppDeps, level: Level): Promise<Contiguity> {
  return deps.catalog.memo(`neighbours:${level}`, () => compute(deps.db, level))
}
