import { type ClassifiedUnitsProps, classifiedUnitsLayer } from './classified-units.ts'

/**
 * Hot-spot map: communes or villages filled by their Getis–Ord Gi* class (hot/cold at 99/95/90 %, not
 * significant) or their local Moran (LISA) cluster, from /api/stats/hotspots. Significant units are outlined.
 * Defaults: pickable, drawn under the basemap's boundary lines.
 */
export interface HotspotLayerProps extends ClassifiedUnitsProps {
  view: 'gi' | 'lisa'
}

export function hotspotLayer(p: HotspotLayerProps) {
  return classifiedUnitsLayer({ ...p, id: `${p.id}-${p.view}` })
}
