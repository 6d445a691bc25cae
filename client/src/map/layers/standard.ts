import { type ClassifiedUnitsProps, classifiedUnitsLayer } from './classified-units.ts'

/**
 * Standard-set map: communes filled by the share of their villages that have every model type their
 * area classes require, villages by whether they have them (standard/standard-model.ts), from
 * /api/stats/coverage. Defaults: pickable, drawn under the basemap's boundary lines.
 */
export function standardLayer(p: ClassifiedUnitsProps) {
  return classifiedUnitsLayer(p)
}
