/**
 * A printed sheet as a display list in points (origin top left, y down), drawn by two renderers: a 2D
 * canvas for PNG and pdf-lib for PDF (with real text objects). Keeping one list keeps the two identical.
 */
export type Point = [number, number]

export type Op =
  | {
      op: 'rect'
      x: number
      y: number
      w: number
      h: number
      fill?: string
      stroke?: string
      lineWidth?: number
    }
  | {
      op: 'path'
      rings: Point[][]
      closed: boolean
      fill?: string
      stroke?: string
      lineWidth?: number
      dash?: number[]
    }
  | {
      op: 'text'
      x: number
      /** baseline */
      y: number
      text: string
      size: number
      bold?: boolean
      color: string
      align?: 'left' | 'center' | 'right'
    }
  /** the rendered map */
  | { op: 'image'; x: number; y: number; w: number; h: number }

/** Width of `text` in points at `size` points. */
export type Measure = (text: string, size: number, bold?: boolean) => number

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** The largest size ≤ `size` (down to `min`) at which `text` fits `width`; the text is cut with … below that. */
export function fitText(
  measure: Measure,
  text: string,
  size: number,
  width: number,
  bold = false,
  min = size * 0.75,
): { text: string; size: number } {
  let s = size
  while (s > min && measure(text, s, bold) > width) s *= 0.95
  s = Math.max(s, min)
  if (measure(text, s, bold) <= width) return { text, size: s }
  let cut = text
  while (cut.length > 1 && measure(`${cut}…`, s, bold) > width) cut = cut.slice(0, -1)
  return { text: `${cut.trimEnd()}…`, size: s }
}

/** Words of `text` broken into lines no wider than `width`; at most `maxLines`, the last one cut with …. */
export function wrapText(
  measure: Measure,
  text: string,
  size: number,
  width: number,
  bold = false,
  maxLines = Number.POSITIVE_INFINITY,
): string[] {
  const words = text.split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (const w of words) {
    const next = line ? `${line} ${w}` : w
    if (line && measure(next, size, bold) > width) {
      lines.push(line)
      line = w
    } else line = next
  }
  if (line) lines.push(line)
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines)
    kept[maxLines - 1] = fitText(
      measure,
      `${kept[maxLines - 1]} ${lines[maxLines]}`,
      size,
      width,
      bold,
      size,
    ).text
    return kept
  }
  return lines
}

/** A circle as a polygon (both renderers draw polygons). */
export function circle(cx: number, cy: number, r: number, n = 28): Point[] {
  return Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as Point
  })
}

/** "#rrggbb", "#rgb" or "rgba(r, g, b, a)" → 0–255 channels and alpha 0–1. */
export function parseColor(css: string): { r: number; g: number; b: number; a: number } {
  const s = css.trim()
  if (s.startsWith('#')) {
    const h = s.length === 4 ? [...s.slice(1)].map((c) => c + c).join('') : s.slice(1)
    return {
      r: Number.parseInt(h.slice(0, 2), 16),
      g: Number.parseInt(h.slice(2, 4), 16),
      b: Number.parseInt(h.slice(4, 6), 16),
      a: 1,
    }
  }
  const m = s.match(/rgba?\(([^)]+)\)/)
  if (!m) return { r: 0, g: 0, b: 0, a: 1 }
  const [r, g, b, a] = m[1].split(',').map((x) => Number(x.trim()))
  return { r, g, b, a: Number.isFinite(a) ? a : 1 }
}
