/**
 * Descriptive statistics shared by the other modules.
 *
 * Conventions: "no data" is null, undefined, NaN or ±Infinity and is dropped by
 * `finiteValues`; the other functions expect finite numbers. Standard deviations
 * are population ones (divide by n), as PySAL esda uses for its z-scores.
 */

export type MaybeNumber = number | null | undefined

export function isFiniteNumber(v: MaybeNumber): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** The finite values, in input order. */
export function finiteValues(values: Iterable<MaybeNumber>): number[] {
  const out: number[] = []
  for (const v of values) if (isFiniteNumber(v)) out.push(v)
  return out
}

/** The finite values sorted ascending (a new array). */
export function sortedFinite(values: Iterable<MaybeNumber>): number[] {
  return finiteValues(values).sort((a, b) => a - b)
}

/** Neumaier-compensated sum, so long sums of rates keep their last digits. */
export function sum(values: ArrayLike<number>): number {
  let s = 0
  let c = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    const t = s + v
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s
    s = t
  }
  return s + c
}

export function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? Number.NaN : sum(values) / values.length
}

/** Σ (x − mean)², two-pass. */
export function sumSquaredDeviations(values: ArrayLike<number>): number {
  const n = values.length
  if (n === 0) return 0
  const m = mean(values)
  let s = 0
  for (let i = 0; i < n; i++) {
    const d = values[i] - m
    s += d * d
  }
  return s
}

/** Population variance: Σ (x − mean)² / n. */
export function populationVariance(values: ArrayLike<number>): number {
  return values.length === 0 ? Number.NaN : sumSquaredDeviations(values) / values.length
}

/** Population standard deviation (numpy's `std()` default, ddof = 0). */
export function populationSd(values: ArrayLike<number>): number {
  return Math.sqrt(populationVariance(values))
}

/** Sample standard deviation (divide by n − 1). */
export function sampleSd(values: ArrayLike<number>): number {
  const n = values.length
  return n < 2 ? Number.NaN : Math.sqrt(sumSquaredDeviations(values) / (n - 1))
}

export function min(values: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY
  for (let i = 0; i < values.length; i++) if (values[i] < m) m = values[i]
  return values.length === 0 ? Number.NaN : m
}

export function max(values: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i]
  return values.length === 0 ? Number.NaN : m
}

/**
 * Quantile of an ascending array by linear interpolation between order
 * statistics (Hyndman & Fan 1996 type 7: R's default and numpy's `percentile`).
 * `p` in [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length
  if (n === 0) return Number.NaN
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile p must be in [0, 1], got ${p}`)
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, n - 1)
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])
}

/** Type-7 quantile of the finite values (no data ignored). */
export function quantile(values: Iterable<MaybeNumber>, p: number): number {
  return quantileSorted(sortedFinite(values), p)
}

export function median(values: Iterable<MaybeNumber>): number {
  return quantile(values, 0.5)
}
