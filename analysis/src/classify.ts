/**
 * Choropleth classification.
 *
 * Breaks are the UPPER bounds of the classes, strictly ascending, the last one
 * equal to the maximum of the data (manual breaks: see `classBreaks`).
 * Interval convention (used by classIndex, classCounts and withinClassSSE):
 * class 0 is [min, b0] (and anything below), class i is (b_{i−1}, b_i]; a value
 * above the last bound goes to the last class, as mapclassify's `find_bin`.
 * No data (null, undefined, NaN, ±Infinity) is ignored everywhere and gets
 * class index −1.
 */

import { jenksBreaks } from './jenks.ts'
import {
  isFiniteNumber,
  type MaybeNumber,
  mean,
  populationSd,
  quantileSorted,
  sortedFinite,
} from './stats-basic.ts'

export type ClassMethod = 'quantile' | 'equal' | 'jenks' | 'stddev' | 'manual'

export interface ClassBreaksOptions {
  /** Upper bounds for method 'manual', strictly ascending. */
  manual?: readonly number[]
}

/** Keeps a strictly increasing run of the bounds below max, then max. */
function finish(bounds: readonly number[], max: number): number[] {
  const out: number[] = []
  for (const b of bounds) {
    if (b < max && (out.length === 0 || b > out[out.length - 1])) out.push(b)
  }
  out.push(max)
  return out
}

/**
 * Upper class bounds of the finite values.
 *
 * - quantile: type-7 quantiles at i/k (as numpy.percentile / mapclassify);
 *   tied quantiles merge, so fewer than k classes may come back; with at most
 *   k distinct values each distinct value is its own class.
 * - equal: k intervals of width (max − min)/k.
 * - jenks: exact Fisher–Jenks optimum (see jenks.ts).
 * - stddev: classes one population sd wide around the mean: bounds at
 *   mean + sd·(j − k/2), j = 1..k−1 (odd k: ±0.5 sd, ±1.5 sd…, the middle class
 *   centred on the mean; even k: the mean and ±1 sd, ±2 sd…); bounds outside
 *   [min, max) are dropped.
 * - manual: `opts.manual`, validated strictly ascending; k is ignored. The
 *   last bound is raised to the maximum when the data exceed it; a last bound
 *   above the maximum is kept, so a fixed legend stays put across periods.
 *
 * Empty data gives [] (manual: the user's bounds). k must be an integer ≥ 1.
 */
export function classBreaks(
  values: readonly MaybeNumber[],
  method: ClassMethod,
  k: number,
  opts: ClassBreaksOptions = {},
): number[] {
  const sorted = sortedFinite(values)
  if (method === 'manual') {
    const manual = opts.manual
    if (!manual || manual.length === 0) throw new RangeError("method 'manual' needs opts.manual")
    manual.forEach((b, i) => {
      if (!Number.isFinite(b)) throw new RangeError(`manual break ${i} is not finite`)
      if (i > 0 && !(b > manual[i - 1])) throw new RangeError('manual breaks must be strictly ascending')
    })
    const out = [...manual]
    if (sorted.length > 0 && out[out.length - 1] < sorted[sorted.length - 1]) {
      out[out.length - 1] = sorted[sorted.length - 1]
    }
    return out
  }
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`)
  const n = sorted.length
  if (n === 0) return []
  const lo = sorted[0]
  const hi = sorted[n - 1]
  switch (method) {
    case 'quantile': {
      // No more classes than distinct values: interpolated breaks would leave classes empty.
      const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1])
      if (distinct.length <= k) return distinct
      const qs: number[] = []
      for (let i = 1; i < k; i++) qs.push(quantileSorted(sorted, i / k))
      return finish(qs, hi)
    }
    case 'equal': {
      const width = (hi - lo) / k
      const bs: number[] = []
      for (let i = 1; i < k; i++) bs.push(lo + i * width)
      return finish(bs, hi)
    }
    case 'jenks':
      return jenksBreaks(sorted, k)
    case 'stddev': {
      const m = mean(sorted)
      const sd = populationSd(sorted)
      const bs: number[] = []
      if (sd > 0) for (let j = 1; j < k; j++) bs.push(m + sd * (j - k / 2))
      return finish(
        bs.filter((b) => b >= lo),
        hi,
      )
    }
    default:
      throw new RangeError(`unknown classification method '${method as string}'`)
  }
}

/** Index of the class holding `value` under the convention above; −1 for no data or no breaks. */
export function classIndex(value: MaybeNumber, breaks: readonly number[]): number {
  if (!isFiniteNumber(value) || breaks.length === 0) return -1
  // First bound ≥ value, by binary search.
  let lo = 0
  let hi = breaks.length - 1
  if (value > breaks[hi]) return hi
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (value <= breaks[mid]) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** Number of values in each class (no data not counted). */
export function classCounts(values: readonly MaybeNumber[], breaks: readonly number[]): number[] {
  const counts = new Array<number>(breaks.length).fill(0)
  for (const v of values) {
    const c = classIndex(v, breaks)
    if (c >= 0) counts[c]++
  }
  return counts
}

/** Total within-class sum of squared deviations from the class means (the quantity Jenks minimises). */
export function withinClassSSE(values: readonly MaybeNumber[], breaks: readonly number[]): number {
  const groups: number[][] = breaks.map(() => [])
  for (const v of values) {
    const c = classIndex(v, breaks)
    if (c >= 0) groups[c].push(v as number)
  }
  let total = 0
  for (const g of groups) {
    if (g.length === 0) continue
    const m = mean(g)
    for (const v of g) total += (v - m) * (v - m)
  }
  return total
}
