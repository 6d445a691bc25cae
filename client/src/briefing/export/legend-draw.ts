import type { LegendBlock, LegendRow, Swatch } from '../../legend/legend-block.ts'
import { type Box, circle, fitText, type Measure, type Op, type Point, wrapText } from './draw-ops.ts'

const INK = '#16202a'
const MUTED = '#5d6873'

/** Diagonal hatching clipped to a rectangle (the no-data swatch). */
function hatch(x: number, y: number, w: number, h: number, step: number): Point[][] {
  const lines: Point[][] = []
  for (let d = -h; d < w; d += step) {
    // the line x = x0 + d + t, y = y0 + h - t, clipped to the box
    const t0 = Math.max(0, -d)
    const t1 = Math.min(h, w - d)
    if (t1 > t0)
      lines.push([
        [x + d + t0, y + h - t0],
        [x + d + t1, y + h - t1],
      ])
  }
  return lines
}

function swatchOps(s: Swatch, x: number, y: number, w: number, h: number, k: number): Op[] {
  const cy = y + h / 2
  switch (s.kind) {
    case 'fill':
      return [
        { op: 'rect', x, y, w, h, fill: s.color, stroke: s.stroke, lineWidth: 0.5 * k },
        ...(s.hatch
          ? [
              {
                op: 'path' as const,
                rings: hatch(x, y, w, h, 2.4 * k),
                closed: false,
                stroke: '#9a9a9a',
                lineWidth: 0.5 * k,
              },
            ]
          : []),
      ]
    case 'line':
      return [
        {
          op: 'path',
          rings: [
            [
              [x, cy],
              [x + w, cy],
            ],
          ],
          closed: false,
          stroke: s.color,
          lineWidth: s.width * k,
          dash: s.dash ? [3 * k, 1.5 * k] : undefined,
        },
      ]
    case 'dot': {
      const r = (h / 2) * (s.size ?? 1) * 0.95
      return [
        {
          op: 'path',
          rings: [circle(x + w / 2, cy, r)],
          closed: true,
          fill: s.color,
          stroke: s.stroke === '#ffffff' ? 'rgba(0,0,0,0.45)' : s.stroke,
          lineWidth: (s.strokeWidth ?? 0.7) * 0.6 * k,
        },
      ]
    }
    case 'symbol': {
      const a = h * 0.9
      const cx = x + w / 2
      const shapes: Record<typeof s.shape, Point[]> = {
        square: [
          [cx - a / 2, cy - a / 2],
          [cx + a / 2, cy - a / 2],
          [cx + a / 2, cy + a / 2],
          [cx - a / 2, cy + a / 2],
        ],
        diamond: [
          [cx, cy - a / 2],
          [cx + a / 2, cy],
          [cx, cy + a / 2],
          [cx - a / 2, cy],
        ],
        triangle: [
          [cx, cy - a / 2],
          [cx + a / 2, cy + a / 2],
          [cx - a / 2, cy + a / 2],
        ],
        flag: [
          [cx - a / 2, cy - a / 2],
          [cx + a / 2, cy - a / 2],
          [cx + a / 6, cy],
          [cx + a / 2, cy + a / 2],
          [cx - a / 2, cy + a / 2],
        ],
      }
      return [{ op: 'path', rings: [shapes[s.shape]], closed: true, fill: s.color }]
    }
    case 'ramp': {
      const n = s.colors.length
      return s.colors.map((c, i) => ({
        op: 'rect' as const,
        x: x + (w * i) / n,
        y,
        w: w / n + 0.05,
        h,
        fill: c,
      }))
    }
  }
}

export interface LegendDrawing {
  ops: Op[]
  height: number
  /** false when even the smallest scale did not fit the box */
  fits: boolean
  /** the scale used (≤ the one asked for) */
  scale: number
}

/**
 * Lays out the legend blocks in `box` at scale `k` (1 = 7.5 pt labels), flowing blocks into columns of at
 * least `minColumn` points. Returns the drawing and whether it fitted.
 */
function layoutAt(
  blocks: LegendBlock[],
  box: Box,
  k: number,
  measure: Measure,
  minColumn: number,
): LegendDrawing {
  const ops: Op[] = []
  const gap = 10 * k
  const cols = Math.max(1, Math.min(3, Math.floor((box.w + gap) / (minColumn + gap))))
  const colW = (box.w - gap * (cols - 1)) / cols
  const label = 7.2 * k
  const small = 6.3 * k
  const rowH = 11 * k
  const swW = 15 * k
  const swH = 8.5 * k
  let col = 0
  let y = box.y
  let fits = true
  let maxY = box.y
  for (const block of blocks) {
    const blockOps: Op[] = []
    let by = 0
    const x0 = () => box.x + col * (colW + gap)
    const lines: { text: string; size: number; bold?: boolean; color: string; align?: 'right' }[] = []
    if (block.title) {
      const titleLines = wrapText(measure, block.title, 7.8 * k, colW, true, 2)
      for (const t of titleLines) lines.push({ text: t, size: 7.8 * k, bold: true, color: INK })
    }
    if (block.unit) lines.push({ text: `(${block.unit})`, size: small, color: MUTED })
    for (const note of block.notes)
      for (const t of wrapText(measure, note, small, colW, false, 2))
        lines.push({ text: t, size: small, color: MUTED })
    const rel: Op[] = []
    for (const l of lines) {
      by += l.size * 1.3
      rel.push({ op: 'text', x: 0, y: by, text: l.text, size: l.size, bold: l.bold, color: l.color })
    }
    if (block.countHeader && block.rows.some((r) => r.count)) {
      by += small * 1.35
      rel.push({
        op: 'text',
        x: colW,
        y: by,
        text: block.countHeader,
        size: small,
        color: MUTED,
        align: 'right',
      })
    }
    if (lines.length) by += 2.5 * k
    for (const row of block.rows) {
      rel.push(...rowOps(row, by, colW, k, measure, { label, small, rowH, swW, swH }))
      by += row.swatch.kind === 'ramp' ? rowH + small * 1.2 : row.rule ? rowH + small * 1.3 : rowH
    }
    if (block.footer) {
      for (const t of wrapText(measure, block.footer, small, colW, false, 2)) {
        by += small * 1.35
        rel.push({ op: 'text', x: 0, y: by, text: t, size: small, color: MUTED })
      }
    }
    if (y + by > box.y + box.h && y > box.y) {
      col++
      y = box.y
    }
    if (col >= cols || y + by > box.y + box.h) fits = false
    for (const o of rel) blockOps.push(shift(o, x0(), y))
    ops.push(...blockOps)
    y += by + gap
    maxY = Math.max(maxY, y - gap)
  }
  return { ops, height: maxY - box.y, fits, scale: k }
}

function rowOps(
  row: LegendRow,
  top: number,
  colW: number,
  k: number,
  measure: Measure,
  m: { label: number; small: number; rowH: number; swW: number; swH: number },
): Op[] {
  const ops: Op[] = []
  if (row.swatch.kind === 'ramp') {
    const w = Math.min(colW, 120 * k)
    ops.push(...swatchOps(row.swatch, 0, top + 1 * k, w, m.swH, k))
    const ly = top + m.swH + m.small * 1.3
    ops.push({ op: 'text', x: 0, y: ly, text: row.swatch.low, size: m.small, color: MUTED })
    ops.push({ op: 'text', x: w, y: ly, text: row.swatch.high, size: m.small, color: MUTED, align: 'right' })
    return ops
  }
  const sy = top + (m.rowH - m.swH) / 2
  ops.push(...swatchOps(row.swatch, 0, sy, m.swW, m.swH, k))
  const countW = row.count ? Math.max(measure(row.count.text, m.label), 14 * k) + 4 * k : 0
  const fitted = fitText(measure, row.label, m.label, colW - m.swW - 5 * k - countW)
  const baseline = top + m.rowH / 2 + m.label * 0.36
  ops.push({ op: 'text', x: m.swW + 5 * k, y: baseline, text: fitted.text, size: fitted.size, color: INK })
  if (row.count)
    ops.push({
      op: 'text',
      x: colW,
      y: baseline,
      text: row.count.text,
      size: m.label,
      color: INK,
      align: 'right',
    })
  if (row.rule) {
    const rule = fitText(measure, row.rule, m.small, colW - m.swW - 5 * k - countW)
    ops.push({
      op: 'text',
      x: m.swW + 5 * k,
      y: baseline + m.small * 1.3,
      text: rule.text,
      size: rule.size,
      color: MUTED,
    })
  }
  return ops
}

function shift(o: Op, dx: number, dy: number): Op {
  switch (o.op) {
    case 'path':
      return { ...o, rings: o.rings.map((r) => r.map(([x, y]) => [x + dx, y + dy] as Point)) }
    default:
      return { ...o, x: o.x + dx, y: o.y + dy }
  }
}

/** The legend at the largest scale (≤ `k`) that fits `box`. */
export function drawLegend(
  blocks: LegendBlock[],
  box: Box,
  k: number,
  measure: Measure,
  minColumn = 150,
): LegendDrawing {
  let scale = k
  for (let i = 0; i < 12; i++) {
    const d = layoutAt(blocks, box, scale, measure, minColumn * scale)
    if (d.fits || i === 11) return d
    scale *= 0.93
  }
  return layoutAt(blocks, box, scale, measure, minColumn * scale)
}
