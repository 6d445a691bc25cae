import { type ClassifiedUnitsProps, classifiedUnitsLayer } from './classified-units.ts'

/**
 * Emerging hot spots: each unit filled by its category (new, consecutive, intensifying, persistent,
 * diminishing, sporadic, oscillating or historical hot or cold spot, or no pattern; /api/stats/emerging,
 * Gi* per month and the Mann–Kendall trend of its z-scores). Units with a pattern are outlined. Defaults:
 * pickable, drawn under the boundary lines.
 */
export type EmergingLayerProps = ClassifiedUnitsProps

export function emergingLayer(p: EmergingLayerProps) {
  return classifiedUnitsLayer(p)
}
