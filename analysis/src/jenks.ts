/**
 * Fisher–Jenks natural breaks, exact: the partition of sorted data into k
 * contiguous classes that minimises the total within-class sum of squared
 * deviations (Fisher 1958, "On grouping for maximum homogeneity"; Jenks 1977).
 *
 * Adapted from the dynamic programme of Ckmeans.1d.dp (Wang & Song 2011) with
 * the divide-and-conquer row optimisation that the concave Monge property of
 * 1-D k-means costs allows (Grønlund et al. 2017, "Fast exact k-means,
 * k-medians and Bregman divergence clustering in 1D"): O(k · m log m) time for
 * m distinct values, instead of O(k · n²). Ties are grouped first (a class
 * bound is a value, so equal values always share a class), with their counts
 * as weights, which leaves the optimum unchanged.
 */

/**
 * Upper bounds of the optimal classes of `sorted` (ascending, finite); fewer
 * than k when there are fewer than k distinct values.
 */
export function jenksBreaks(sorted: readonly number[], k: number): number[] {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a positive integer, got ${k}`)
  const u: number[] = []
  const c: number[] = []
  for (const v of sorted) {
    if (u.length > 0 && v === u[u.length - 1]) c[c.length - 1]++
    else {
      if (u.length > 0 && v < u[u.length - 1]) throw new RangeError('jenksBreaks needs ascending values')
      u.push(v)
      c.push(1)
    }
  }
  const m = u.length
  if (m <= k) return u

  // Prefix sums of weight, weighted value and weighted square, on values
  // shifted by the middle one to limit cancellation in S2 − S1²/W.
  const shift = u[m >> 1]
  const W = new Float64Array(m + 1)
  const S1 = new Float64Array(m + 1)
  const S2 = new Float64Array(m + 1)
  for (let i = 0; i < m; i++) {
    const d = u[i] - shift
    W[i + 1] = W[i] + c[i]
    S1[i + 1] = S1[i] + c[i] * d
    S2[i + 1] = S2[i] + c[i] * d * d
  }
  /** SSE of distinct values a..b inclusive. */
  const cost = (a: number, b: number): number => {
    const w = W[b + 1] - W[a]
    const s = S1[b + 1] - S1[a]
    const v = S2[b + 1] - S2[a] - (s * s) / w
    return Math.max(0, v) // rounding can leave a tiny negative
  }

  // prev[i]: optimal SSE of values 0..i in q classes; back[q][i]: start of the last class.
  let prev = new Float64Array(m)
  for (let i = 0; i < m; i++) prev[i] = cost(0, i)
  const back: Int32Array[] = [new Int32Array(m)]
  for (let q = 1; q < k; q++) {
    const cur = new Float64Array(m).fill(Number.POSITIVE_INFINITY)
    const bq = new Int32Array(m)
    const p = prev
    // Fill cur[lo..hi], knowing the optimal start lies in [optLo, optHi].
    const solve = (lo: number, hi: number, optLo: number, optHi: number): void => {
      if (lo > hi) return
      const mid = (lo + hi) >> 1
      let best = Number.POSITIVE_INFINITY
      let bestJ = Math.max(optLo, q)
      const jEnd = Math.min(mid, optHi)
      for (let j = Math.max(optLo, q); j <= jEnd; j++) {
        const v = p[j - 1] + cost(j, mid)
        if (v < best) {
          best = v
          bestJ = j
        }
      }
      cur[mid] = best
      bq[mid] = bestJ
      solve(lo, mid - 1, optLo, bestJ)
      solve(mid + 1, hi, bestJ, optHi)
    }
    solve(q, m - 1, q, m - 1)
    back.push(bq)
    prev = cur
  }

  const breaks = new Array<number>(k)
  let end = m - 1
  for (let q = k - 1; q >= 0; q--) {
    breaks[q] = u[end]
    end = back[q][end] - 1
  }
  return breaks
}
