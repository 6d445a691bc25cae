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

/**
 * Proposed sites of a plan: a numbered red disc per site (number = order of marginal gain) over faint discs
 * on the villages they newly cover.
 */
export function planSitesLayers(p: PlanSitesProps) {
  return [
    new ScatterplotLayer<PlanCoveredPoint>({
      id: `${p.id}-covered`,
      data: p.covered as PlanCoveredPoint[],
      getPosition: (d) => [d.lon, d.lat],
      radiusUnits: 'pixels',
      getRadius: 6,
      getFillColor: COVERED_FILL,
      stroked: false,
      pickable: false,
    }),
    new ScatterplotLayer<PlanSitePoint>({
      id: `${p.id}-discs`,
      data: p.sites as PlanSitePoint[],
      getPosition: (d) => [d.lon, d.lat],
      radiusUnits: 'pixels',
      getRadius: 11,
      getFillColor: SITE_FILL,
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      pickable: false,
    }),
    new TextLayer<PlanSitePoint>({
      id: `${p.id}-numbers`,
      data: p.sites as PlanSitePoint[],
      getPosition: (d) => [d.lon, d.lat],
      getText: (d) => String(d.rank),
      fontFamily: p.fontFamily,
      fontWeight: 700,
      getSize: 12,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 255],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
      characterSet: '0123456789',
      pickable: false,
      parameters: { depthWriteEnabled: false },
    }),
  ]
}
