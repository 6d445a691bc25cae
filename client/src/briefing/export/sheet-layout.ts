import type { Box } from './draw-ops.ts'
import type { PageSpec } from './page-size.ts'

/** Where the parts of a printed map go, in points. */
export interface SheetLayout {
  widthPt: number
  heightPt: number
  /** type scale: 1 on A4, larger on bigger pages (square root of the short side, so A3 text is ~1.2×) */
  f: number
  margin: number
  portrait: boolean
  header: Box
  map: Box
  /** locator and legend: a column right of the map (landscape) or a band under it (portrait) */
  side: Box
  footer: Box
}

const A4_SHORT_PT = 595.28

export function layoutSheet(page: Pick<PageSpec, 'widthPt' | 'heightPt'>): SheetLayout {
  const W = page.widthPt
  const H = page.heightPt
  const f = Math.sqrt(Math.min(W, H) / A4_SHORT_PT)
  const margin = 20 * f
  const gap = 9 * f
  const headerH = 44 * f
  const footerH = 31 * f
  const portrait = H > W
  const header = { x: margin, y: margin, w: W - 2 * margin, h: headerH }
  const top = margin + headerH + gap
  const footer = { x: margin, y: H - margin - footerH, w: W - 2 * margin, h: footerH }
  const bodyH = footer.y - gap - top
  let map: Box
  let side: Box
  if (!portrait) {
    // locator and legend in a column right of the map
    const sideW = Math.min(Math.max(W * 0.235, 170 * f), 280 * f)
    map = { x: margin, y: top, w: W - 2 * margin - sideW - gap, h: bodyH }
    side = { x: map.x + map.w + gap, y: top, w: sideW, h: bodyH }
  } else {
    // locator and legend in a band under the map
    const sideH = Math.max(bodyH * 0.34, 190 * f)
    map = { x: margin, y: top, w: W - 2 * margin, h: bodyH - sideH - gap }
    side = { x: margin, y: map.y + map.h + gap, w: W - 2 * margin, h: sideH }
  }
  return { widthPt: W, heightPt: H, f, margin, portrait, header, map, side, footer }
}
