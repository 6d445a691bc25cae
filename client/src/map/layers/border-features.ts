import { IconLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, Point } from 'geojson'
import { BORDER_FEATURE_COLORS } from '../colors.ts'

export interface BorderFeaturesProps {
  id: string
  features: FeatureCollection<Point, { kind: string; name?: string }>
  opacity: number
}

/** Inline SVG symbols (no sprite server): gates squares, openings diamonds, markers triangles, posts flags. */
function symbol(kind: string): string {
  const c = BORDER_FEATURE_COLORS[kind] ?? '#555555'
  const shape = kind.startsWith('gate')
    ? `<rect x="5" y="5" width="22" height="22" rx="3" fill="${c}" stroke="#fff" stroke-width="3"/>`
    : kind === 'opening'
      ? `<path d="M16 3 L29 16 L16 29 L3 16 Z" fill="${c}" stroke="#fff" stroke-width="3"/>`
      : kind === 'marker'
        ? `<path d="M16 4 L29 27 L3 27 Z" fill="${c}" stroke="#fff" stroke-width="3"/>`
        : `<path d="M8 29 V4 H26 L21 10 L26 16 H10" fill="${c}" stroke="#fff" stroke-width="2.5" stroke-linejoin="round"/>`
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">${shape}</svg>`)}`
}

export const borderFeatureSymbol = symbol

export function borderFeaturesLayer(p: BorderFeaturesProps) {
  return new IconLayer<Feature<Point, { kind: string; name?: string }>>({
    id: p.id,
    data: p.features.features,
    opacity: p.opacity,
    pickable: true,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getIcon: (f) => ({ url: symbol(f.properties.kind), id: f.properties.kind, width: 32, height: 32 }),
    getSize: (f) => (f.properties.kind.startsWith('gate') ? 22 : f.properties.kind === 'marker' ? 12 : 16),
    sizeUnits: 'pixels',
  })
}
