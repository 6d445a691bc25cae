import {
  type ClassMethod,
  classBreaks,
  classCounts,
  classIndex,
  type PaletteName,
  palette,
} from '@antt/analysis'
import type { I18n } from '../i18n/index.ts'

/** A classified colour scale for one metric over a set of units, with what the legend needs. */
export interface ClassScale {
  method: ClassMethod
  /** upper bounds, ascending (analysis/classify.ts convention) */
  breaks: number[]
  colors: string[]
  /** units per class */
  counts: number[]
  noData: number
  /** of the no-data units, those whose value was withheld (small incident counts, aggregate-only roles) */
  suppressed: number
  min: number | null
  max: number | null
  locked: boolean
}

export interface ScaleOptions {
  method: ClassMethod
  k: number
  palette: PaletteName
  /** manual or locked breaks */
  breaks?: readonly number[] | null
  locked?: boolean
  /** how many of the missing values were withheld rather than unknown */
  suppressed?: number
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

export function buildClassScale(
  values: readonly (number | null | undefined)[],
  opts: ScaleOptions,
): ClassScale {
  const data = values.filter(finite)
  const fixed = opts.breaks && opts.breaks.length > 0 && (opts.locked || opts.method === 'manual')
  const breaks = fixed
    ? classBreaks(data, 'manual', opts.k, { manual: opts.breaks! })
    : classBreaks(data, opts.method, opts.k)
  const n = Math.min(Math.max(breaks.length, 1), 9)
  return {
    method: opts.method,
    breaks,
    colors: breaks.length ? palette(opts.palette, n) : [],
    counts: classCounts(data, breaks),
    noData: values.length - data.length,
    suppressed: Math.min(opts.suppressed ?? 0, values.length - data.length),
    min: data.length ? Math.min(...data) : null,
    max: data.length ? Math.max(...data) : null,
    locked: Boolean(opts.locked && fixed),
  }
}

/** The colour of `value`, or null for no data. */
export function colorOf(scale: ClassScale, value: number | null | undefined): string | null {
  const i = classIndex(value, scale.breaks)
  return i < 0 ? null : scale.colors[i]
}

/**
 * Legend labels for the classes, matching classIndex: the first class is closed, [min – b0]; the others
 * are half-open, (b(i−1) – b(i)]. When the data minimum lies above the first bound (locked breaks), the
 * first class reads ≤ b0.
 */
export function intervalLabels(
  scale: Pick<ClassScale, 'breaks' | 'min'>,
  format: (v: number) => string,
): string[] {
  const { breaks, min } = scale
  return breaks.map((b, i) => {
    if (i === 0) return min !== null && min <= b ? `[${format(min)} – ${format(b)}]` : `≤ ${format(b)}`
    return `(${format(breaks[i - 1])} – ${format(b)}]`
  })
}

/** "#fd8d3c" → [253, 141, 60] */
export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '')
  return [
    Number.parseInt(h.slice(0, 2), 16),
    Number.parseInt(h.slice(2, 4), 16),
    Number.parseInt(h.slice(4, 6), 16),
  ]
}

/** Parses "0,5; 1; 2,5" (Vietnamese) or "0.5; 1; 2.5" into ascending numbers, or null when invalid. */
export function parseBreaks(text: string, lang: 'vi' | 'en'): number[] | null {
  const parts = text
    .split(/[;\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
  if (!parts.length) return null
  const nums = parts.map((p) =>
    Number(lang === 'vi' ? p.replace(/\./g, '').replace(',', '.') : p.replace(/,/g, '')),
  )
  if (!nums.every(Number.isFinite)) return null
  if (!nums.every((v, i) => i === 0 || v > nums[i - 1])) return null
  return nums
}

/** The no-data class's label; it says so when some of those values were withheld for privacy. */
export function noDataLabel(i18n: Pick<I18n, 't'>, scale: Pick<ClassScale, 'suppressed'>): string {
  // 3: the smallest count shown to aggregate-only roles (api/src/auth/disclosure.ts)
  return scale.suppressed > 0 ? i18n.t('legend.noDataSuppressed', { n: 3 }) : i18n.t('legend.noData')
}
