import { ScatterplotLayer, TextLayer } from '@deck.gl/layers'

export interface PlanSitePoint {
  rank: number
  lon: number
  lat: number
}

export interface PlanCoveredPoint {
  lon: number
  lat: number
}

export interface PlanSitesProps {
  id: string
  sites: readonly PlanSitePoint[]
  /** villages the proposed sites newly cover */
  covered: readonly PlanCoveredPoint[]
  /** font family loaded from the bundled font (see fonts.ts) */
  fontFamily: string
}

const SITE_FILL: [number, number, number, number] = [196, 30, 58, 255]
const COVERED_FILL: [number, number, number, number] = [196, 30, 58, 70]

/** What every layer of a plan has: an id under the plan's, points at their lon/lat, nothing to pick. */
function planPoints<D extends PlanCoveredPoint>(p: PlanSitesProps, part: string, data: readonly D[]) {
  return {
    id: `${p.id}-${part}`,
    data: data as D[],
    getPosition: (d: D): [number, number] => [d.lon, d.lat],
    pickable: false,
  }
}

/**
 * Proposed sites of a plan: a numbered red disc per site (number = order of marginal gain) over faint discs
 * on the villages they newly cover.
 */
export function planSitesLayers(p: PlanSitesProps) {
  return [
    new ScatterplotLayer<PlanCoveredPoint>({
      ...planPoints(p, 'covered', p.covered),
      radiusUnits: 'pixels',
      getRadius: 6,
      getFillColor: COVERED_FILL,
      stroked: false,
    }),
    new ScatterplotLayer<PlanSitePoint>({
      ...planPoints(p, 'discs', p.sites),
      radiusUnits: 'pixels',
      getRadius: 11,
      getFillColor: SITE_FILL,
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
    new TextLayer<PlanSitePoint>({
      ...planPoints(p, 'numbers', p.sites),
      getText: (d) => String(d.rank),
      fontFamily: p.fontFamily,
      fontWeight: 700,
      getSize: 12,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 255],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789',
      parameters: { depthWriteEnabled: false },
    }),
  ]
}
