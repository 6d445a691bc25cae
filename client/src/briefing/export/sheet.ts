import type { LegendBlock } from '../../legend/legend-block.ts'
import type { Bounds } from '../view-state.ts'
import { type Box, fitText, type Measure, type Op, type Point, wrapText } from './draw-ops.ts'
import { drawLegend } from './legend-draw.ts'
import { niceScaleBar, representativeFraction } from './scale-bar.ts'
import type { SheetLayout } from './sheet-layout.ts'

const INK = '#16202a'
const MUTED = '#5d6873'
const BRAND = '#8b1a1a'
const FRAME = '#263238'

/** Everything printed around the map, already in the view's language. */
export interface SheetContent {
  title: string
  subtitle: string
  brand: string
  brandSub: string
  /** "Dữ liệu minh họa / Demo data" when the records are generated */
  demoNotice: string | null
  legendHeading: string
  legend: LegendBlock[]
  locatorHeading: string
  /** province rings and border lines in lon/lat, and the map's extent */
  inset: { province: Point[][]; border: Point[][]; extent: Bounds }
  northLetter: string
  /** ground metres per point of the printed map at its centre, and that latitude */
  scale: { metresPerPt: number; lat: number }
  /** "1 : 250 000 · at 22.4° N" (rf null on screen sizes) */
  scaleNote: (rf: number | null, lat: number) => string
  formatNumber: (v: number) => string
  /** true for A4/A3: the representative fraction is meaningful */
  paper: boolean
  footer: { period: string; filters: string; data: string; sources: string }
}

/** The display list of a whole sheet. */
export function composeSheet(layout: SheetLayout, c: SheetContent, measure: Measure): Op[] {
  const { f } = layout
  const ops: Op[] = [{ op: 'rect', x: 0, y: 0, w: layout.widthPt, h: layout.heightPt, fill: '#ffffff' }]
  ops.push(...header(layout, c, measure))
  const m = layout.map
  ops.push({ op: 'image', x: m.x, y: m.y, w: m.w, h: m.h })
  ops.push({ op: 'rect', x: m.x, y: m.y, w: m.w, h: m.h, stroke: FRAME, lineWidth: 0.8 * f })
  ops.push(...northArrow(m, f, c.northLetter))
  ops.push(...scaleBar(m, f, c, measure))
  ops.push(...sidePanel(layout, c, measure))
  ops.push(...footer(layout, c, measure))
  return ops
}

function header(l: SheetLayout, c: SheetContent, measure: Measure): Op[] {
  const { f } = l
  const h = l.header
  const ops: Op[] = []
  // Right: the product and, for generated records, the demo notice.
  const brandSize = 8.5 * f
  const subSize = 6.8 * f
  const rightW =
    Math.max(measure(c.brand.toUpperCase(), brandSize, true), measure(c.brandSub, subSize)) + 2 * f
  const right = h.x + h.w
  ops.push({
    op: 'text',
    x: right,
    y: h.y + 10 * f,
    text: c.brand.toUpperCase(),
    size: brandSize,
    bold: true,
    color: BRAND,
    align: 'right',
  })
  ops.push({
    op: 'text',
    x: right,
    y: h.y + 20 * f,
    text: c.brandSub,
    size: subSize,
    color: MUTED,
    align: 'right',
  })
  if (c.demoNotice) {
    const size = 7.5 * f
    const w = measure(c.demoNotice, size, true) + 12 * f
    const bh = 13 * f
    const by = h.y + 25 * f
    ops.push({
      op: 'rect',
      x: right - w,
      y: by,
      w,
      h: bh,
      fill: '#ffb300',
      stroke: '#8a5a00',
      lineWidth: 0.5 * f,
    })
    ops.push({
      op: 'text',
      x: right - w / 2,
      y: by + bh / 2 + size * 0.36,
      text: c.demoNotice,
      size,
      bold: true,
      color: '#1a1a1a',
      align: 'center',
    })
  }
  const titleW =
    h.w - Math.max(rightW, c.demoNotice ? measure(c.demoNotice, 7.5 * f, true) + 12 * f : 0) - 14 * f
  const title = fitText(measure, c.title, 17 * f, titleW, true, 11 * f)
  ops.push({
    op: 'text',
    x: h.x,
    y: h.y + 17 * f,
    text: title.text,
    size: title.size,
    bold: true,
    color: INK,
  })
  if (c.subtitle) {
    const sub = fitText(measure, c.subtitle, 10 * f, titleW, false, 8 * f)
    ops.push({ op: 'text', x: h.x, y: h.y + 32 * f, text: sub.text, size: sub.size, color: '#3b4652' })
  }
  const ruleY = h.y + h.h - 1 * f
  ops.push({ op: 'rect', x: h.x, y: ruleY, w: h.w, h: 1.6 * f, fill: BRAND })
  return ops
}

function northArrow(m: Box, f: number, letter: string): Op[] {
  const w = 22 * f
  const h = 34 * f
  const x = m.x + m.w - w - 8 * f
  const y = m.y + 8 * f
  const cx = x + w / 2
  const top = y + 15 * f
  const bottom = y + h - 5 * f
  const half = 6 * f
  return [
    {
      op: 'rect',
      x,
      y,
      w,
      h,
      fill: 'rgba(255,255,255,0.9)',
      stroke: 'rgba(38,50,56,0.5)',
      lineWidth: 0.5 * f,
    },
    { op: 'text', x: cx, y: y + 11 * f, text: letter, size: 9 * f, bold: true, color: INK, align: 'center' },
    {
      op: 'path',
      rings: [
        [
          [cx, top],
          [cx - half, bottom],
          [cx, bottom - 5 * f],
        ],
      ],
      closed: true,
      fill: INK,
    },
    {
      op: 'path',
      rings: [
        [
          [cx, top],
          [cx + half, bottom],
          [cx, bottom - 5 * f],
        ],
      ],
      closed: true,
      fill: '#ffffff',
      stroke: INK,
      lineWidth: 0.7 * f,
    },
  ]
}

function scaleBar(m: Box, f: number, c: SheetContent, measure: Measure): Op[] {
  const bar = niceScaleBar(c.scale.metresPerPt, Math.min(m.w * 0.26, 160 * f), c.formatNumber)
  const rf = c.paper ? representativeFraction(c.scale.metresPerPt) : null
  const note = c.scaleNote(rf, c.scale.lat)
  const tick = 6.3 * f
  const noteSize = 6.3 * f
  const pad = 7 * f
  const unitGap = 3 * f
  const lastW = measure(bar.ticks.at(-1) ?? '', tick)
  const barRight = bar.length + lastW / 2 + unitGap + measure(bar.unit, tick)
  const boxW = Math.max(measure('0', tick) / 2 + barRight, measure(note, noteSize)) + 2 * pad
  const boxH = 31 * f
  const x = m.x + 8 * f
  const y = m.y + m.h - boxH - 8 * f
  const ops: Op[] = [
    {
      op: 'rect',
      x,
      y,
      w: boxW,
      h: boxH,
      fill: 'rgba(255,255,255,0.9)',
      stroke: 'rgba(38,50,56,0.5)',
      lineWidth: 0.5 * f,
    },
  ]
  const bx = x + pad + measure('0', tick) / 2
  const by = y + 12 * f
  const bh = 3.6 * f
  const seg = bar.length / bar.segments
  for (let i = 0; i < bar.segments; i++)
    ops.push({
      op: 'rect',
      x: bx + i * seg,
      y: by,
      w: seg,
      h: bh,
      fill: i % 2 === 0 ? INK : '#ffffff',
      stroke: INK,
      lineWidth: 0.5 * f,
    })
  bar.ticks.forEach((t, i) => {
    ops.push({
      op: 'text',
      x: bx + i * seg,
      y: by - 2.5 * f,
      text: t,
      size: tick,
      color: INK,
      align: 'center',
    })
  })
  ops.push({
    op: 'text',
    x: bx + bar.length + lastW / 2 + unitGap,
    y: by - 2.5 * f,
    text: bar.unit,
    size: tick,
    color: INK,
  })
  ops.push({ op: 'text', x: x + pad, y: by + bh + 9.5 * f, text: note, size: noteSize, color: MUTED })
  return ops
}

/** Web Mercator y of a latitude (unitless, for the locator's shape only). */
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))

function locator(box: Box, f: number, c: SheetContent): Op[] {
  const rings = c.inset.province
  const all = rings.flat()
  if (!all.length) return []
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [lon, lat] of all) {
    const x = (lon * Math.PI) / 180
    const y = mercY(lat)
    minX = Math.min(minX, x)
    maxX = Math.max(maxX, x)
    minY = Math.min(minY, y)
    maxY = Math.max(maxY, y)
  }
  // Some country around the province, and the whole extent of the map when it is not much larger, so
  // the view shows as a frame around or inside the province.
  const padX = (maxX - minX) * 0.1
  const padY = (maxY - minY) * 0.1
  const [w, s, e, n] = c.inset.extent
  const grow = (lo: number, hi: number, a: number, b: number, padding: number): [number, number] => {
    const mid = (lo + hi) / 2
    const need = Math.max(mid - Math.min(a, lo - padding), Math.max(b, hi + padding) - mid) * 1.04
    const half = Math.min(((hi - lo) / 2 + padding) * 2.2, need)
    return [mid - half, mid + half]
  }
  ;[minX, maxX] = grow(minX, maxX, (w * Math.PI) / 180, (e * Math.PI) / 180, padX)
  ;[minY, maxY] = grow(minY, maxY, mercY(s), mercY(n), padY)
  const pad = 0
  const k = Math.min((box.w - 2 * pad) / (maxX - minX), (box.h - 2 * pad) / (maxY - minY))
  const ox = box.x + (box.w - (maxX - minX) * k) / 2
  const oy = box.y + (box.h - (maxY - minY) * k) / 2
  const project = ([lon, lat]: Point): Point => [
    ox + ((lon * Math.PI) / 180 - minX) * k,
    oy + (maxY - mercY(lat)) * k,
  ]
  const clampX = (x: number) => Math.min(Math.max(x, box.x), box.x + box.w)
  const clampY = (y: number) => Math.min(Math.max(y, box.y), box.y + box.h)
  const [x0, y0] = project([w, n])
  const [x1, y1] = project([e, s])
  let rx0 = clampX(x0)
  let rx1 = clampX(x1)
  let ry0 = clampY(y0)
  let ry1 = clampY(y1)
  // A view much smaller than the province is still marked visibly.
  const minSide = 5 * f
  if (rx1 - rx0 < minSide) [rx0, rx1] = [(rx0 + rx1) / 2 - minSide / 2, (rx0 + rx1) / 2 + minSide / 2]
  if (ry1 - ry0 < minSide) [ry0, ry1] = [(ry0 + ry1) / 2 - minSide / 2, (ry0 + ry1) / 2 + minSide / 2]
  return [
    { op: 'rect', ...box, fill: '#d9dde2' },
    {
      op: 'path',
      rings: rings.map((r) => r.map(project)),
      closed: true,
      fill: '#f6f5f0',
      stroke: FRAME,
      lineWidth: 0.6 * f,
    },
    ...(c.inset.border.length
      ? [
          {
            op: 'path' as const,
            rings: c.inset.border.map((r) => r.map(project)),
            closed: false,
            stroke: '#b71c1c',
            lineWidth: 0.9 * f,
          },
        ]
      : []),
    {
      op: 'rect',
      x: rx0,
      y: ry0,
      w: rx1 - rx0,
      h: ry1 - ry0,
      fill: 'rgba(179,38,30,0.10)',
      stroke: '#b3261e',
      lineWidth: 1.2 * f,
    },
    { op: 'rect', ...box, stroke: 'rgba(38,50,56,0.6)', lineWidth: 0.5 * f },
  ]
}

function sidePanel(l: SheetLayout, c: SheetContent, measure: Measure): Op[] {
  const { f } = l
  const s = l.side
  const ops: Op[] = []
  const head = 8.3 * f
  if (!l.portrait) {
    ops.push({
      op: 'text',
      x: s.x,
      y: s.y + head,
      text: c.locatorHeading,
      size: head,
      bold: true,
      color: INK,
    })
    // The locator gives up height when the legend would otherwise have to shrink much.
    const place = (insetH: number) => {
      const insetBox = { x: s.x, y: s.y + head + 4 * f, w: s.w, h: insetH }
      const ly = insetBox.y + insetBox.h + 13 * f
      const box = { x: s.x, y: ly + 8 * f, w: s.w, h: s.y + s.h - (ly + 8 * f) }
      return { insetBox, ly, legend: drawLegend(c.legend, box, f, measure, 135) }
    }
    let placed = place(s.w * 0.72)
    if (placed.legend.scale < 0.85 * f) placed = place(s.w * 0.45)
    ops.push(...locator(placed.insetBox, f, c))
    const { ly } = placed
    ops.push({ op: 'text', x: s.x, y: ly, text: c.legendHeading, size: head, bold: true, color: INK })
    ops.push({ op: 'rect', x: s.x, y: ly + 3 * f, w: s.w, h: 0.5 * f, fill: '#c5ccd3' })
    ops.push(...placed.legend.ops)
    return ops
  }
  // Portrait: legend on the left in columns, locator on the right.
  const insetW = Math.min(s.w * 0.32, (s.h - head - 4 * f) / 0.72)
  const legendW = s.w - insetW - 14 * f
  ops.push({ op: 'text', x: s.x, y: s.y + head, text: c.legendHeading, size: head, bold: true, color: INK })
  ops.push({ op: 'rect', x: s.x, y: s.y + head + 3 * f, w: legendW, h: 0.5 * f, fill: '#c5ccd3' })
  const box = { x: s.x, y: s.y + head + 8 * f, w: legendW, h: s.h - head - 8 * f }
  ops.push(...drawLegend(c.legend, box, f, measure, 150).ops)
  const ix = s.x + s.w - insetW
  ops.push({ op: 'text', x: ix, y: s.y + head, text: c.locatorHeading, size: head, bold: true, color: INK })
  ops.push(...locator({ x: ix, y: s.y + head + 4 * f, w: insetW, h: insetW * 0.72 }, f, c))
  return ops
}

function footer(l: SheetLayout, c: SheetContent, measure: Measure): Op[] {
  const { f } = l
  const b = l.footer
  const ops: Op[] = [{ op: 'rect', x: b.x, y: b.y - 1 * f, w: b.w, h: 0.5 * f, fill: '#c5ccd3' }]
  const size = 7 * f
  const small = 6.3 * f
  const first = c.footer.filters ? `${c.footer.period} · ${c.footer.filters}` : c.footer.period
  const lines = wrapText(measure, first, size, b.w, false, 2)
  let y = b.y + size * 1.25
  for (const t of lines) {
    ops.push({
      op: 'text',
      x: b.x,
      y,
      text: t,
      size,
      color: INK,
    })
    y += size * 1.3
  }
  const rest = [c.footer.data, c.footer.sources].join(' · ')
  for (const t of wrapText(measure, rest, small, b.w, false, 3 - lines.length + 1)) {
    ops.push({ op: 'text', x: b.x, y, text: t, size: small, color: MUTED })
    y += small * 1.3
  }
  return ops
}
