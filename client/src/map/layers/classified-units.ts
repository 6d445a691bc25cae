import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { NO_DATA_FILL, type Rgba } from '../colors.ts'

export type UnitPolygons = FeatureCollection<Polygon | MultiPolygon, { code: string }>

export interface ClassifiedUnitsProps {
  id: string
  units: UnitPolygons
  /** colour per unit code; a unit missing here is drawn as "no data" */
  fillByCode: ReadonlyMap<string, Rgba>
  /** units drawn with a dark outline (significant results), so clusters read at a glance */
  emphasised?: ReadonlySet<string>
  /** changes whenever `fillByCode` or `emphasised` does (deck.gl recomputes only on a trigger change) */
  colorKey: string
  /** 0–1 */
  opacity: number
  /** MapLibre layer to draw under (interleaved), so boundaries and labels stay on top */
  beforeId?: string
}

const PLAIN_LINE: Rgba = [255, 255, 255, 140]
const EMPHASIS_LINE: Rgba = [40, 40, 40, 210]

/** Polygons of communes or villages filled by a class colour: the base of the analytics layers. Pickable. */
export function classifiedUnitsLayer(p: ClassifiedUnitsProps) {
  const strong = (f: Feature<Polygon | MultiPolygon, { code: string }>) =>
    p.emphasised?.has(f.properties.code) ?? false
  return new GeoJsonLayer<{ code: string }>({
    id: p.id,
    data: p.units as FeatureCollection,
    beforeId: p.beforeId,
    opacity: p.opacity,
    pickable: true,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineColor: (f: Feature<Polygon | MultiPolygon, { code: string }>) =>
      strong(f) ? EMPHASIS_LINE : PLAIN_LINE,
    getLineWidth: (f: Feature<Polygon | MultiPolygon, { code: string }>) => (strong(f) ? 1.4 : 0.5),
    getFillColor: (f: Feature<Polygon | MultiPolygon, { code: string }>) =>
      p.fillByCode.get(f.properties.code) ?? NO_DATA_FILL,
    updateTriggers: { getFillColor: p.colorKey, getLineColor: p.colorKey, getLineWidth: p.colorKey },
    transitions: { getFillColor: 250 },
  } as ConstructorParameters<typeof GeoJsonLayer>[0])
}
