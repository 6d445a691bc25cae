/**
 * Transparent priority score (0–100) for where community-security work is
 * most needed: a weighted sum of named components, each already normalised to
 * [0, 1] with 1 = more priority (so coverage-like measures enter as gaps,
 * 1 − coverage). score = 100 · Σ_k w_k c_k with the weights scaled to sum 1,
 * and each row reports the points every component contributed.
 */

import { isFiniteNumber, type MaybeNumber } from './stats-basic.ts'

export type PriorityWeights = Readonly<Record<string, number>>

/**
 * Default weights: half for need (incidents, hot spots, location), half for
 * lack of coverage by community-security models.
 */
export const DEFAULT_PRIORITY_WEIGHTS = {
  // need
  incident_rate_eb: 0.2,
  hotspot_z: 0.1,
  border: 0.1,
  strategic: 0.05,
  trend: 0.05,
  // lack of coverage
  village_coverage_gap: 0.2,
  effective_gap: 0.1,
  evaluation_gap: 0.1,
  models_per_1000_gap: 0.1,
} as const satisfies PriorityWeights

export interface PriorityInput {
  id: string
  /** Component values in [0, 1]; null/undefined/NaN = missing. */
  components: Readonly<Record<string, MaybeNumber>>
}

export interface PriorityOptions {
  /**
   * 'renormalise' (default): a row's missing components are left out and its
   * other weights rescaled to sum 1, so missing data neither raises nor lowers
   * the score. 'zero': a missing component counts as 0.
   */
  missing?: 'renormalise' | 'zero'
}

export interface PriorityRow {
  id: string
  /** 0–100; null when every weighted component is missing. */
  score: number | null
  /** Competition rank ("1224"): 1 = highest score, ties share the best rank. null when score is null. */
  rank: number | null
  /** Points from each weighted component; they add up to the score. */
  contributions: Record<string, number>
  /** Weighted components that were missing in this row. */
  missing: string[]
}

/** Weights scaled to sum 1; throws on negative or non-finite weights or a zero total. */
export function normaliseWeights(weights: PriorityWeights): Record<string, number> {
  let total = 0
  for (const [name, w] of Object.entries(weights)) {
    if (!(Number.isFinite(w) && w >= 0))
      throw new RangeError(`weight '${name}' must be a non-negative number, got ${w}`)
    total += w
  }
  if (!(total > 0)) throw new RangeError('weights must not all be zero')
  const out: Record<string, number> = {}
  for (const [name, w] of Object.entries(weights)) out[name] = w / total
  return out
}

const SCORE_TIE = 1e-9

/**
 * Competition ranks of scores, highest first; scores within 1e-9 count as
 * tied (float noise), null scores get null.
 */
export function competitionRank(scores: readonly (number | null)[]): (number | null)[] {
  const order = scores
    .map((s, i) => ({ s, i }))
    .filter((e): e is { s: number; i: number } => e.s !== null && Number.isFinite(e.s))
    .sort((x, y) => y.s - x.s)
  const ranks: (number | null)[] = scores.map(() => null)
  order.forEach((e, pos) => {
    const prev = order[pos - 1]
    ranks[e.i] = pos > 0 && prev.s - e.s <= SCORE_TIE ? (ranks[prev.i] as number) : pos + 1
  })
  return ranks
}

export function priorityScores(
  rows: readonly PriorityInput[],
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
  opts: PriorityOptions = {},
): PriorityRow[] {
  const w = normaliseWeights(weights)
  const names = Object.keys(w).filter((k) => w[k] > 0)
  const mode = opts.missing ?? 'renormalise'
  const partial = rows.map((row) => {
    const missing: string[] = []
    let available = 0
    for (const k of names) {
      const v = row.components[k]
      if (!isFiniteNumber(v)) {
        missing.push(k)
        continue
      }
      if (v < -1e-12 || v > 1 + 1e-12)
        throw new RangeError(`component '${k}' of '${row.id}' is ${v}, outside [0, 1]`)
      available += w[k]
    }
    const scale = mode === 'renormalise' ? (available > 0 ? 1 / available : 0) : 1
    const contributions: Record<string, number> = {}
    let score = 0
    for (const k of names) {
      const v = row.components[k]
      const points = isFiniteNumber(v) ? 100 * w[k] * scale * Math.min(1, Math.max(0, v)) : 0
      contributions[k] = points
      score += points
    }
    return { id: row.id, score: available > 0 ? score : null, contributions, missing }
  })
  const ranks = competitionRank(partial.map((r) => r.score))
  return partial.map((r, i) => ({ ...r, rank: ranks[i] }))
}

/**
 * (v − min) / (max − min) over the finite values; constant input gives 0
 * (no unit stands out), missing stays null. `invert` returns 1 − that.
 */
export function minMaxNormalise(
  values: readonly MaybeNumber[],
  opts: { invert?: boolean } = {},
): (number | null)[] {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (isFiniteNumber(v)) {
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  return values.map((v) => {
    if (!isFiniteNumber(v)) return null
    const t = hi > lo ? (v - lo) / (hi - lo) : 0
    return opts.invert ? 1 - t : t
  })
}

/**
 * Percentile rank (r − 1)/(m − 1) over the m finite values, ties sharing their
 * average rank; robust to outliers. A single value gives 0.
 */
export function rankNormalise(
  values: readonly MaybeNumber[],
  opts: { invert?: boolean } = {},
): (number | null)[] {
  const idx: number[] = []
  values.forEach((v, i) => {
    if (isFiniteNumber(v)) idx.push(i)
  })
  idx.sort((a, b) => (values[a] as number) - (values[b] as number))
  const m = idx.length
  const out: (number | null)[] = values.map(() => null)
  let start = 0
  while (start < m) {
    let end = start
    while (end + 1 < m && values[idx[end + 1]] === values[idx[start]]) end++
    const avgRank = (start + end) / 2 // 0-based average rank of the tie group
    const t = m > 1 ? avgRank / (m - 1) : 0
    for (let r = start; r <= end; r++) out[idx[r]] = opts.invert ? 1 - t : t
    start = end + 1
  }
  return out
}

/** Linear map of [lo, hi] onto [0, 1], clamped: a fixed scale comparable across periods (e.g. z in [−2.58, 2.58]). */
export function clampNormalise(values: readonly MaybeNumber[], lo: number, hi: number): (number | null)[] {
  if (!(hi > lo)) throw new RangeError('clampNormalise needs hi > lo')
  return values.map((v) => (isFiniteNumber(v) ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : null))
}

/** 1 − v: turns a coverage share into a gap. */
export function invert(values: readonly MaybeNumber[]): (number | null)[] {
  return values.map((v) => (isFiniteNumber(v) ? 1 - v : null))
}
