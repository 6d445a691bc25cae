import { type ClassifiedUnitsProps, classifiedUnitsLayer } from './classified-units.ts'

/**
 * Choropleth of a metric over communes or villages: each unit filled by its class colour, thin white outlines
 * (no unit is emphasised). Defaults: pickable, drawn under the basemap's boundary lines.
 */
export type ChoroplethProps = Omit<ClassifiedUnitsProps, 'emphasised'>

export function choroplethLayer(p: ChoroplethProps) {
  return classifiedUnitsLayer(p)
}
