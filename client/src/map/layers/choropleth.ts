import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { NO_DATA_FILL, type Rgba } from '../colors.ts'

export interface ChoroplethProps {
  id: string
  /** unit polygons with `properties.code` */
  units: FeatureCollection<Polygon | MultiPolygon, { code: string }>
  /** classified colour per unit code; a unit missing here is drawn as "no data" */
  fillByCode: ReadonlyMap<string, Rgba>
  /** changes whenever `fillByCode` does (deck.gl recomputes colours only on a trigger change) */
  colorKey: string
  /** 0–1 */
  opacity: number
  /** MapLibre layer to draw under (interleaved), so boundaries and labels stay on top */
  beforeId?: string
  /** a commune code: units outside it are faded (drill-down) */
  focusCommune?: string | null
}

/** Choropleth of a metric over communes or villages. Defaults: outlines off (the basemap draws them), pickable. */
export function choroplethLayer(p: ChoroplethProps) {
  return new GeoJsonLayer<{ code: string }>({
    id: p.id,
    data: p.units as FeatureCollection,
    beforeId: p.beforeId,
    opacity: p.opacity,
    pickable: true,
    stroked: true,
    filled: true,
    getLineColor: [255, 255, 255, 140],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.5,
    getFillColor: (f: Feature<Polygon | MultiPolygon, { code: string }>) =>
      p.fillByCode.get(f.properties.code) ?? NO_DATA_FILL,
    updateTriggers: { getFillColor: p.colorKey },
    transitions: { getFillColor: 250 },
  } as ConstructorParameters<typeof GeoJsonLayer>[0])
}
