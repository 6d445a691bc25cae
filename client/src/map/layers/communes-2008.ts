import { GeoJsonLayer } from '@deck.gl/layers'
import type { FeatureCollection } from 'geojson'
import { COMMUNE_2008_LINE } from '../colors.ts'

export interface Communes2008Props {
  id: string
  communes: FeatureCollection
  opacity: number
}

/**
 * The communes of 2008 as thin violet outlines over today's map, so an old report can be read
 * against the 2025 units. The fill is transparent but pickable: hovering names the old commune and the
 * new units it became part of.
 */
export function communes2008Layer(p: Communes2008Props) {
  return new GeoJsonLayer({
    id: p.id,
    data: p.communes,
    opacity: p.opacity,
    filled: true,
    stroked: true,
    pickable: true,
    getFillColor: [0, 0, 0, 0],
    getLineColor: COMMUNE_2008_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.6,
  })
}
