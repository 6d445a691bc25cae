import { GeoJsonLayer } from '@deck.gl/layers'
import type { FeatureCollection } from 'geojson'
import { BORDER_BELT_FILL, BORDER_BELT_LINE } from '../colors.ts'

export interface BorderBeltProps {
  id: string
  belt: FeatureCollection
  opacity: number
  beforeId?: string
}

/** The border belt (vành đai biên giới, up to 1,000 m from the border line) as a translucent red band. */
export function borderBeltLayer(p: BorderBeltProps) {
  return new GeoJsonLayer({
    id: p.id,
    data: p.belt,
    beforeId: p.beforeId,
    opacity: p.opacity,
    filled: true,
    stroked: true,
    pickable: false,
    getFillColor: BORDER_BELT_FILL,
    getLineColor: BORDER_BELT_LINE,
    lineWidthUnits: 'pixels',
    getLineWidth: 1.5,
  })
}
