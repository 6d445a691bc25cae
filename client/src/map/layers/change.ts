import { type ClassifiedUnitsProps, classifiedUnitsLayer } from './classified-units.ts'

/**
 * Change map: each unit filled by the change of its incident rate between period A and period B (significant
 * rise, significant fall, no significant change; /api/compare, exact conditional binomial test), in diverging
 * colours. Units with a significant change are outlined. Defaults: pickable, drawn under the boundary lines.
 */
export type ChangeLayerProps = ClassifiedUnitsProps

export function changeLayer(p: ChangeLayerProps) {
  return classifiedUnitsLayer(p)
}
