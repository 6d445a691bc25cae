import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers'
import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection } from 'geojson'
import type { Rgba } from '../colors.ts'

export interface DensityCell {
  /** polygon (hexagon) or null for weighted points */
  feature?: Feature
  lon: number
  lat: number
  count: number
}

export interface IncidentDensityProps {
  id: string
  mode: 'hex' | 'heatmap'
  /** hexagon cells from /api/incidents/density?mode=hex (count null = suppressed) */
  hexagons: FeatureCollection | null
  /** weighted points for the heat map: hexagon centres or village points */
  points: readonly DensityCell[]
  /** colour of a hexagon by its count (classified by the caller) */
  fillOf: (count: number | null) => Rgba
  colorKey: string
  opacity: number
}

/** Heat map ramp: ColorBrewer YlOrRd, transparent at the low end. */
export const HEAT_RANGE: [number, number, number, number][] = [
  [255, 255, 178, 0],
  [254, 217, 118, 160],
  [254, 178, 76, 200],
  [253, 141, 60, 220],
  [240, 59, 32, 235],
  [189, 0, 38, 250],
]

/** Incident density: server-side hexagons (small counts suppressed) or a heat map of weighted points. */
export function incidentDensityLayer(p: IncidentDensityProps) {
  if (p.mode === 'hex' && p.hexagons) {
    return new GeoJsonLayer({
      id: `${p.id}-hex`,
      data: p.hexagons,
      opacity: p.opacity,
      filled: true,
      stroked: true,
      pickable: true,
      getFillColor: (f: Feature) => p.fillOf((f.properties as { count: number | null }).count),
      getLineColor: [255, 255, 255, 160],
      lineWidthUnits: 'pixels',
      getLineWidth: 0.6,
      updateTriggers: { getFillColor: p.colorKey },
    })
  }
  if (p.mode === 'hex') {
    // No server hexagons (older API): aggregate the weighted points on the client, 2 km cells.
    return new HexagonLayer<DensityCell>({
      id: `${p.id}-hexagg`,
      data: p.points as DensityCell[],
      opacity: p.opacity,
      radius: 2000,
      coverage: 0.92,
      extruded: false,
      pickable: true,
      getPosition: (d) => [d.lon, d.lat],
      getColorWeight: (d) => d.count,
      colorAggregation: 'SUM',
      colorRange: HEAT_RANGE.slice(1).map((c) => c.slice(0, 3) as [number, number, number]),
    })
  }
  return new HeatmapLayer<DensityCell>({
    id: `${p.id}-heat`,
    data: p.points as DensityCell[],
    opacity: p.opacity,
    getPosition: (d) => [d.lon, d.lat],
    getWeight: (d) => d.count,
    radiusPixels: 40,
    intensity: 1.2,
    threshold: 0.04,
    colorRange: HEAT_RANGE.map((c) => c.slice(0, 3) as [number, number, number]),
    aggregation: 'SUM',
  })
}
