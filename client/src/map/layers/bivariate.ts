import { type ClassifiedUnitsProps, classifiedUnitsLayer } from './classified-units.ts'

/**
 * Bivariate map of need against coverage: each unit filled by its 3 × 3 class (terciles of both variables,
 * analytics/bivariate-classes.ts) in Stevens' purple–blue scheme; high need with low coverage is the darkest.
 * Units in that corner are outlined. Defaults: pickable, drawn under the basemap's boundary lines.
 */
export type BivariateLayerProps = ClassifiedUnitsProps

export function bivariateLayer(p: BivariateLayerProps) {
  return classifiedUnitsLayer(p)
}
