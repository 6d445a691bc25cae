import { BORDER_FEATURE_KINDS } from '@antt/contract/lists'
import { IconLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection, Point } from 'geojson'
import { BORDER_FEATURE_COLORS } from '../colors.ts'

export interface BorderFeaturesProps {
  id: string
  features: FeatureCollection<Point, { kind: string; name?: string }>
  opacity: number
}

const CELL = 48

/** Outlines of the drawn signs in a 48-pixel cell: a diamond for an opening, a triangle for a marker, a flag for a post. */
const SHAPES: Record<'opening' | 'marker' | 'post', [number, number][]> = {
  opening: [
    [24, 5],
    [43, 24],
    [24, 43],
    [5, 24],
  ],
  marker: [
    [24, 6],
    [43, 40],
    [5, 40],
  ],
  post: [
    [12, 44],
    [12, 5],
    [40, 5],
    [32, 14],
    [40, 23],
    [14, 23],
    [14, 44],
  ],
}

function polygon(ctx: CanvasRenderingContext2D, points: readonly [number, number][]) {
  const [[x0, y0], ...rest] = points
  ctx.moveTo(x0, y0)
  for (const [x, y] of rest) ctx.lineTo(x, y)
  ctx.closePath()
}

/**
 * Symbols drawn once on a canvas (no sprite server, and no data: URLs, which the API's content security
 * policy refuses to fetch): gates squares, openings diamonds, markers triangles, posts flags.
 */
type IconMapping = Record<string, { x: number; y: number; width: number; height: number; mask: boolean }>
let atlas: { canvas: HTMLCanvasElement; mapping: IconMapping } | null = null
function symbolAtlas() {
  if (atlas) return atlas
  const canvas = document.createElement('canvas')
  canvas.width = CELL * BORDER_FEATURE_KINDS.length
  canvas.height = CELL
  const ctx = canvas.getContext('2d')!
  const mapping: IconMapping = {}
  BORDER_FEATURE_KINDS.forEach((kind, i) => {
    const x0 = i * CELL
    ctx.save()
    ctx.translate(x0, 0)
    ctx.fillStyle = BORDER_FEATURE_COLORS[kind]
    ctx.strokeStyle = '#ffffff'
    ctx.lineWidth = 4
    ctx.lineJoin = 'round'
    ctx.beginPath()
    if (kind.startsWith('gate')) ctx.roundRect(8, 8, 32, 32, 4)
    else polygon(ctx, SHAPES[kind === 'opening' || kind === 'marker' ? kind : 'post'])
    ctx.stroke()
    ctx.fill()
    ctx.restore()
    mapping[kind] = { x: x0, y: 0, width: CELL, height: CELL, mask: false }
  })
  atlas = { canvas, mapping }
  return atlas
}

export function borderFeaturesLayer(p: BorderFeaturesProps) {
  const { canvas, mapping } = symbolAtlas()
  return new IconLayer<Feature<Point, { kind: string; name?: string }>>({
    id: p.id,
    data: p.features.features,
    opacity: p.opacity,
    pickable: true,
    iconAtlas: canvas as never,
    iconMapping: mapping,
    getPosition: (f) => f.geometry.coordinates as [number, number],
    getIcon: (f) => (f.properties.kind in mapping ? f.properties.kind : 'post'),
    getSize: (f) => (f.properties.kind.startsWith('gate') ? 24 : f.properties.kind === 'marker' ? 14 : 18),
    sizeUnits: 'pixels',
  })
}
