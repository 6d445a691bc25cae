import {
  type ClassMethod,
  classBreaks,
  classCounts,
  classIndex,
  isDiverging,
  mean,
  type PaletteName,
  palette,
  populationSd,
} from '@antt/analysis'

/** A classified colour scale for one metric over a set of units: the map's fill, the table's swatches, the legend's classes. */
export interface ClassScale {
  method: ClassMethod
  /** upper bounds, ascending (analysis/src/classify.ts convention) */
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
  /** standard-deviation classes: the mean and sd the bounds are counted from (legend in σ) */
  sigma?: { mean: number; sd: number }
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
  /**
   * Standard-deviation classes are drawn on a diverging palette centred on the mean (the chosen palette if
   * it diverges): red for the bad side when higher is worse (false), when higher is better (true) for the
   * low side; a neutral purple–orange when neither (null).
   */
  higherIsBetter?: boolean | null
}

/**
 * Diverging colours for standard-deviation classes: each class takes the colour of its place in the full
 * k-class scheme, so the class around the mean stays neutral even when outer classes hold no data.
 */
function sigmaColors(
  breaks: readonly number[],
  m: number,
  sd: number,
  k: number,
  opts: Pick<ScaleOptions, 'palette' | 'higherIsBetter'>,
): string[] {
  const full = Math.min(Math.max(k, 3), 9)
  const name: PaletteName = isDiverging(opts.palette)
    ? opts.palette
    : opts.higherIsBetter === null || opts.higherIsBetter === undefined
      ? 'PuOr'
      : 'RdBu'
  const colors = palette(name, full)
  // RdBu runs red → blue: reversed when higher is worse, so that high values are red
  if (!isDiverging(opts.palette) && opts.higherIsBetter === false) colors.reverse()
  // upper bounds of the full scheme in σ from the mean (as analysis/src/classify.ts: j − k/2)
  const fullBounds = Array.from({ length: full - 1 }, (_, j) => j + 1 - full / 2)
  return breaks.map((b, i) => {
    const z = i === breaks.length - 1 ? Number.POSITIVE_INFINITY : (b - m) / sd
    const j = fullBounds.findIndex((f) => z <= f + 1e-9)
    return colors[j < 0 ? full - 1 : j]
  })
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
  const sd = data.length ? populationSd(data) : 0
  const sigma =
    opts.method === 'stddev' && !fixed && breaks.length > 0 && sd > 0 ? { mean: mean(data), sd } : undefined
  return {
    method: opts.method,
    breaks,
    colors: !breaks.length
      ? []
      : sigma
        ? sigmaColors(breaks, sigma.mean, sigma.sd, opts.k, opts)
        : palette(opts.palette, n),
    counts: classCounts(data, breaks),
    noData: values.length - data.length,
    suppressed: Math.min(opts.suppressed ?? 0, values.length - data.length),
    min: data.length ? Math.min(...data) : null,
    max: data.length ? Math.max(...data) : null,
    locked: Boolean(opts.locked && fixed),
    ...(sigma && { sigma }),
  }
}

/** The colour of `value`, or null for no data. */
export function colorOf(scale: ClassScale, value: number | null | undefined): string | null {
  const i = classIndex(value, scale.breaks)
  return i < 0 ? null : scale.colors[i]
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
