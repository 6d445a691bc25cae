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
    else if (kind === 'opening') {
      ctx.moveTo(24, 5)
      ctx.lineTo(43, 24)
      ctx.lineTo(24, 43)
      ctx.lineTo(5, 24)
      ctx.closePath()
    } else if (kind === 'marker') {
      ctx.moveTo(24, 6)
      ctx.lineTo(43, 40)
      ctx.lineTo(5, 40)
      ctx.closePath()
    } else {
      ctx.moveTo(12, 44)
      ctx.lineTo(12, 5)
      ctx.lineTo(40, 5)
      ctx.lineTo(32, 14)
      ctx.lineTo(40, 23)
      ctx.lineTo(14, 23)
      ctx.lineTo(14, 44)
      ctx.closePath()
    }
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
