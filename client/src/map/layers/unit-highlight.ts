import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature } from 'geojson'
import { HOVER_LINE, SELECTED_LINE } from '../colors.ts'

export interface UnitHighlightProps {
  id: string
  selected: Feature | null
  hovered: Feature | null
}

/** Outlines of the selected unit (thick, dark blue) and the hovered one (thin, black), above the choropleth. */
export function unitHighlightLayer(p: UnitHighlightProps) {
  const data = [
    ...(p.selected ? [{ ...p.selected, properties: { ...p.selected.properties, _role: 'selected' } }] : []),
    ...(p.hovered && p.hovered !== p.selected
      ? [{ ...p.hovered, properties: { ...p.hovered.properties, _role: 'hovered' } }]
      : []),
  ]
  return new GeoJsonLayer({
    id: p.id,
    data: { type: 'FeatureCollection', features: data },
    pickable: false,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineColor: (f: Feature) =>
      (f.properties as { _role: string })._role === 'selected' ? SELECTED_LINE : HOVER_LINE,
    getLineWidth: (f: Feature) => ((f.properties as { _role: string })._role === 'selected' ? 4 : 2.5),
    lineJointRounded: true,
  })
}
