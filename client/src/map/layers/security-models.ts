import type { ModelPointProps } from '@antt/contract'
import { ScatterplotLayer } from '@deck.gl/layers'
import type { Feature, Point } from 'geojson'
import { rgba } from '../colors.ts'

export type ModelFeature = Feature<Point, ModelPointProps>

export interface SecurityModelsProps {
  id: string
  models: readonly ModelFeature[]
  /** colour per model type code */
  typeColors: ReadonlyMap<string, string>
  opacity: number
  zoom: number
}

/** Outline by status: active white, weak orange, dissolved grey (fill faded). Overdue evaluation: dark red ring. */
const STATUS_LINE: Record<string, [number, number, number, number]> = {
  active: [255, 255, 255, 255],
  weak: [230, 97, 1, 255],
  dissolved: [120, 120, 120, 255],
}

/**
 * Security models as points coloured by type, outlined by status, and — for radius types (cameras) — a
 * translucent disc of the coverage radius in metres underneath.
 */
export function securityModelLayers(p: SecurityModelsProps) {
  const radius = p.models.filter((m) => m.properties.radius_m && m.properties.status !== 'dissolved')
  const pointRadius = p.zoom >= 11 ? 6 : p.zoom >= 10 ? 4.5 : p.zoom >= 9 ? 3 : 2
  return [
    new ScatterplotLayer<ModelFeature>({
      id: `${p.id}-coverage`,
      data: radius,
      opacity: p.opacity * 0.9,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      getRadius: (f) => f.properties.radius_m ?? 0,
      radiusUnits: 'meters',
      getFillColor: [33, 102, 172, 40],
      getLineColor: [33, 102, 172, 150],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      pickable: false,
    }),
    new ScatterplotLayer<ModelFeature>({
      id: `${p.id}-points`,
      data: p.models as ModelFeature[],
      opacity: p.opacity,
      getPosition: (f) => f.geometry.coordinates as [number, number],
      radiusUnits: 'pixels',
      getRadius: pointRadius,
      getFillColor: (f) =>
        rgba(
          p.typeColors.get(f.properties.type_code) ?? '#888888',
          f.properties.status === 'dissolved' ? 110 : 240,
        ),
      getLineColor: (f) =>
        f.properties.evaluation_overdue && f.properties.status !== 'dissolved'
          ? [140, 0, 0, 255]
          : (STATUS_LINE[f.properties.status] ?? STATUS_LINE.active),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (f) =>
        p.zoom < 9 ? 0 : f.properties.status === 'weak' || f.properties.evaluation_overdue ? 2 : 1,
      pickable: true,
      updateTriggers: { getFillColor: [...p.typeColors.entries()].join(), getLineWidth: p.zoom < 9 },
    }),
  ]
}
