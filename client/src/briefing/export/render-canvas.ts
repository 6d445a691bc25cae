import type { Measure, Op } from './draw-ops.ts'

/** The bundled interface font (fontsource Noto Sans, Latin and Vietnamese subsets): every diacritic. */
export const SHEET_FONT = '"Noto Sans", "DejaVu Sans", sans-serif'
const font = (size: number, bold?: boolean) => `${bold ? 700 : 400} ${size}px ${SHEET_FONT}`

/** Loads both weights of the sheet font with Vietnamese text, so the canvas does not fall back. */
export async function sheetFontReady(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return
  const sample = 'Độ bao phủ Lào Cai ữ ặ ẫ ỹ Ư Ơ'
  await Promise.all([
    document.fonts.load(`400 16px "Noto Sans"`, sample),
    document.fonts.load(`700 16px "Noto Sans"`, sample),
  ]).catch(() => undefined)
}

/** Text widths measured on a canvas in the sheet font (1 unit = 1 point). */
export function canvasMeasure(): Measure {
  const ctx = document.createElement('canvas').getContext('2d')!
  const cache = new Map<string, number>()
  return (text, size, bold) => {
    const key = `${bold ? 1 : 0}|${text}`
    let w = cache.get(key)
    if (w === undefined) {
      ctx.font = font(100, bold)
      w = ctx.measureText(text).width / 100
      cache.set(key, w)
    }
    return w * size
  }
}

/** Draws the display list on a canvas of widthPx × heightPx; `map` fills the image op. */
export function renderCanvas(
  ops: readonly Op[],
  widthPx: number,
  heightPx: number,
  pxPerPt: number,
  map: CanvasImageSource | null,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas')
  canvas.width = widthPx
  canvas.height = heightPx
  const ctx = canvas.getContext('2d')!
  ctx.scale(pxPerPt, pxPerPt)
  ctx.lineJoin = 'round'
  ctx.textBaseline = 'alphabetic'
  for (const o of ops) {
    switch (o.op) {
      case 'rect':
        if (o.fill) {
          ctx.fillStyle = o.fill
          ctx.fillRect(o.x, o.y, o.w, o.h)
        }
        if (o.stroke) {
          ctx.strokeStyle = o.stroke
          ctx.lineWidth = o.lineWidth ?? 1
          ctx.strokeRect(o.x, o.y, o.w, o.h)
        }
        break
      case 'path': {
        ctx.beginPath()
        for (const ring of o.rings) {
          for (const [i, [x, y]] of ring.entries()) {
            if (i) ctx.lineTo(x, y)
            else ctx.moveTo(x, y)
          }
          if (o.closed) ctx.closePath()
        }
        if (o.fill && o.closed) {
          ctx.fillStyle = o.fill
          ctx.fill('evenodd')
        }
        if (o.stroke) {
          ctx.strokeStyle = o.stroke
          ctx.lineWidth = o.lineWidth ?? 1
          ctx.setLineDash(o.dash ?? [])
          ctx.stroke()
          ctx.setLineDash([])
        }
        break
      }
      case 'text':
        ctx.font = font(o.size, o.bold)
        ctx.fillStyle = o.color
        ctx.textAlign = o.align ?? 'left'
        ctx.fillText(o.text, o.x, o.y)
        break
      case 'image':
        if (map) {
          ctx.imageSmoothingEnabled = true
          ctx.imageSmoothingQuality = 'high'
          ctx.drawImage(map, o.x, o.y, o.w, o.h)
        }
        break
    }
  }
  return canvas
}
