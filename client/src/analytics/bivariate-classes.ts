import { type BivariatePalette, bivariateColour, classBreaks, classIndex, sortedFinite } from '@antt/analysis'

/**
 * Three classes (low, medium, high) of one variable of the bivariate map.
 *
 * Terciles (type-7 quantiles at 1/3 and 2/3, analysis/classify). Ties can merge terciles: village coverage is
 * 100 % in most communes and 0 or 1 in every village. Then the classes are cut where the values change, at
 * the two places that give classes closest to a third of the units each (least squares), so equal values
 * always share a class; with only two distinct values they are low and high, with one, all are medium.
 */
export interface Terciles {
  /** upper bounds of the classes, ascending (classIndex convention) */
  breaks: number[]
  /** the tercile class (0 low, 1 medium, 2 high) of each interval of `breaks` */
  classes: number[]
}

export function terciles(values: readonly (number | null | undefined)[]): Terciles {
  const sorted = sortedFinite(values)
  if (sorted.length === 0) return { breaks: [], classes: [] }
  const q = classBreaks(sorted, 'quantile', 3)
  if (q.length === 3) return { breaks: q, classes: [0, 1, 2] }
  // Distinct values and how many units share each.
  const distinct: number[] = []
  const counts: number[] = []
  for (const v of sorted) {
    if (distinct.length && distinct[distinct.length - 1] === v) counts[counts.length - 1]++
    else {
      distinct.push(v)
      counts.push(1)
    }
  }
  if (distinct.length === 1) return { breaks: distinct, classes: [1] }
  if (distinct.length === 2) return { breaks: distinct, classes: [0, 2] }
  // Cut after distinct value i and after j (i < j): classes [0..i], (i..j], (j..end].
  const n = sorted.length
  const cum: number[] = []
  counts.reduce((s, c, i) => {
    cum[i] = s + c
    return cum[i]
  }, 0)
  const third = n / 3
  let best = { cost: Number.POSITIVE_INFINITY, i: 0, j: 1 }
  for (let i = 0; i < distinct.length - 2; i++) {
    for (let j = i + 1; j < distinct.length - 1; j++) {
      const a = cum[i]
      const b = cum[j] - cum[i]
      const c = n - cum[j]
      const cost = (a - third) ** 2 + (b - third) ** 2 + (c - third) ** 2
      if (cost < best.cost) best = { cost, i, j }
    }
  }
  return {
    breaks: [distinct[best.i], distinct[best.j], distinct[distinct.length - 1]],
    classes: [0, 1, 2],
  }
}

/** The tercile class (0–2) of `value`, or null for no data. */
export function tercileOf(t: Terciles, value: number | null | undefined): number | null {
  const i = classIndex(value ?? null, t.breaks)
  return i < 0 ? null : t.classes[i]
}

/**
 * Stevens' purple–blue scheme (analysis/palettes): its hues differ in lightness as well as in hue, so the
 * nine classes stay apart with the common colour-vision deficiencies.
 */
export const BIVARIATE_SCHEME: BivariatePalette = 'blue-purple'

/**
 * The legend cell of a unit: column = need class (left low, right high), row = coverage class turned upside
 * down, so the top right — high need, low coverage, the areas to act on — is the darkest colour.
 */
export function bivariateCell(needClass: number, coverageClass: number): { x: number; y: number } {
  return { x: needClass, y: 2 - coverageClass }
}

export function bivariateFill(needClass: number, coverageClass: number): string {
  const { x, y } = bivariateCell(needClass, coverageClass)
  return bivariateColour(x, y, BIVARIATE_SCHEME)
}

/** The four corner cells named in the legend, as [need class, coverage class]. */
export const BIVARIATE_CORNERS = [
  { key: 'highNeedLowCoverage', need: 2, coverage: 0 },
  { key: 'highNeedHighCoverage', need: 2, coverage: 2 },
  { key: 'lowNeedLowCoverage', need: 0, coverage: 0 },
  { key: 'lowNeedHighCoverage', need: 0, coverage: 2 },
] as const
