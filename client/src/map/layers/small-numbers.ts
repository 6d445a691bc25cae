import { IconLayer } from '@deck.gl/layers'

export interface SmallNumberMark {
  code: string
  lon: number
  lat: number
}

export interface SmallNumbersProps {
  id: string
  /** one point inside each unit whose raw incident rate rests on small numbers */
  marks: readonly SmallNumberMark[]
  /** 0–1 */
  opacity: number
}

/** Drawn below the unit's label point, so the mark and the name do not cover each other. */
const OFFSET_PX: [number, number] = [0, 11]
const SIZE_PX = 12

/** A dark dot in a white ring, drawn once on a canvas: no image is fetched (the page allows none). */
let atlas: HTMLCanvasElement | null = null
function markAtlas(): HTMLCanvasElement {
  if (atlas) return atlas
  atlas = document.createElement('canvas')
  atlas.width = atlas.height = 32
  const ctx = atlas.getContext('2d') as CanvasRenderingContext2D
  ctx.beginPath()
  ctx.arc(16, 16, 14, 0, Math.PI * 2)
  ctx.fillStyle = '#ffffff'
  ctx.fill()
  ctx.beginPath()
  ctx.arc(16, 16, 9, 0, Math.PI * 2)
  ctx.fillStyle = '#37474f'
  ctx.fill()
  return atlas
}

/**
 * Marks the units whose raw incident rate rests on small numbers (few residents or few incidents, as the
 * API flags them): their rate is unreliable, whether it is mapped raw or smoothed toward the province rate.
 */
export function smallNumbersLayer(p: SmallNumbersProps) {
  return new IconLayer<SmallNumberMark>({
    id: p.id,
    data: p.marks as SmallNumberMark[],
    opacity: p.opacity,
    pickable: false,
    iconAtlas: markAtlas() as never,
    iconMapping: { mark: { x: 0, y: 0, width: 32, height: 32 } },
    getIcon: () => 'mark',
    getPosition: (m) => [m.lon, m.lat],
    getSize: SIZE_PX,
    sizeUnits: 'pixels',
    getPixelOffset: OFFSET_PX,
  })
}
