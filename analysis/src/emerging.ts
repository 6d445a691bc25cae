/**
 * Emerging hot spot categories of one location, from its series of Gi* hot/cold bins and the Mann–Kendall
 * trend of its Gi* z-scores, after Esri's definitions ("How Emerging Hot Spot Analysis works", ArcGIS Pro,
 * Space Time Pattern Mining toolbox). Each rule is written out below; where the published wording leaves an
 * overlap, the choice made here is stated so that every series gets exactly one category:
 *
 * - A location whose bins have been hot in at least 90 % of the steps is intensifying, persistent or
 *   diminishing when the final step is hot (by the sign of a significant trend, or none), else historical.
 * - A location hot in the final step but in fewer than 90 % of the steps is, in this order: oscillating when
 *   it was ever a cold spot before; new when the final step is its only hot bin; consecutive when its hot
 *   bins are one uninterrupted run of at least two that ends at the final step; otherwise sporadic.
 * - Cold spots mirror every rule. Anything else is no pattern, including a location that was hot in some
 *   steps but is not now and was hot in fewer than 90 % of them.
 */

import { mannKendall } from './mann-kendall.ts'

export const EMERGING_CATEGORIES = [
  'new-hot-spot',
  'consecutive-hot-spot',
  'intensifying-hot-spot',
  'persistent-hot-spot',
  'diminishing-hot-spot',
  'sporadic-hot-spot',
  'oscillating-hot-spot',
  'historical-hot-spot',
  'new-cold-spot',
  'consecutive-cold-spot',
  'intensifying-cold-spot',
  'persistent-cold-spot',
  'diminishing-cold-spot',
  'sporadic-cold-spot',
  'oscillating-cold-spot',
  'historical-cold-spot',
  'no-pattern',
] as const
export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number]

/** A step's bin: true = significant hot spot, false = significant cold spot, null = neither. */
export type EmergingBin = boolean | null

/** Share of steps that makes a location "mostly" hot or cold (Esri: 90 percent of the time-step intervals). */
export const EMERGING_MOSTLY_SHARE = 0.9

export interface EmergingTrend {
  /** Mann–Kendall Z of the Gi* z-scores; null when it could not be computed. */
  z: number | null
  p: number | null
}

/** The rule of each hot-spot category; the cold-spot rules are the same with hot and cold swapped. */
export const EMERGING_RULES: Record<string, string> = {
  new: 'significant in the final step and never significant (hot or cold) before',
  consecutive:
    'a single uninterrupted run of at least two significant steps ending with the final step, never ' +
    'significant before the run, and significant in fewer than 90 % of the steps',
  intensifying:
    'significant in at least 90 % of the steps including the final one, with a significant Mann–Kendall ' +
    'trend of the Gi* z-scores towards more extreme (hot: rising, cold: falling)',
  persistent:
    'significant in at least 90 % of the steps including the final one, with no significant trend of the ' +
    'Gi* z-scores',
  diminishing:
    'significant in at least 90 % of the steps including the final one, with a significant trend of the ' +
    'Gi* z-scores towards less extreme (hot: falling, cold: rising)',
  sporadic:
    'significant in the final step, on and off before, in fewer than 90 % of the steps, and never a ' +
    'significant spot of the opposite kind',
  oscillating:
    'significant in the final step, a significant spot of the opposite kind in an earlier step, and ' +
    'significant in fewer than 90 % of the steps',
  historical: 'not significant in the final step but significant in at least 90 % of the steps',
  'no-pattern': 'none of the hot or cold spot patterns',
}

function categoryFor(bins: readonly EmergingBin[], trend: EmergingTrend, hot: boolean, alpha: number) {
  const n = bins.length
  const side = hot ? 'hot-spot' : 'cold-spot'
  const mine = bins.map((b) => b === hot)
  const other = bins.map((b) => b === !hot)
  const count = mine.filter(Boolean).length
  const mostly = count / n >= EMERGING_MOSTLY_SHARE
  const final = mine[n - 1]
  if (mostly) {
    if (!final) return `historical-${side}`
    const significant = trend.z !== null && trend.p !== null && trend.p < alpha && trend.z !== 0
    if (!significant) return `persistent-${side}`
    const towardsExtreme = hot ? (trend.z as number) > 0 : (trend.z as number) < 0
    return `${towardsExtreme ? 'intensifying' : 'diminishing'}-${side}`
  }
  if (!final) return null
  if (other.some(Boolean)) return `oscillating-${side}`
  if (count === 1) return `new-${side}`
  let run = 0
  while (run < n && mine[n - 1 - run]) run++
  if (run === count) return `consecutive-${side}`
  return `sporadic-${side}`
}

/**
 * The category of one location. `alpha` is the significance level of the trend (the bins come already
 * decided). A location hot in the final step is classified by the hot rules, cold by the cold rules; one
 * that is neither now may still be historical on either side.
 */
export function emergingCategory(
  bins: readonly EmergingBin[],
  trend: EmergingTrend,
  alpha = 0.1,
): EmergingCategory {
  if (bins.length === 0) return 'no-pattern'
  const last = bins[bins.length - 1]
  const order = last === false ? [false, true] : [true, false]
  for (const hot of order) {
    const c = categoryFor(bins, trend, hot, alpha)
    if (c !== null) return c as EmergingCategory
  }
  return 'no-pattern'
}

export interface EmergingResult {
  category: EmergingCategory
  trendZ: number | null
  trendP: number | null
}

/** Mann–Kendall of the z-scores and the category, for one location's series (at least four steps). */
export function emergingHotSpot(
  giZ: readonly number[],
  bins: readonly EmergingBin[],
  alpha = 0.1,
): EmergingResult {
  if (giZ.length !== bins.length) throw new Error('one bin per z-score is required')
  const mk = mannKendall(giZ)
  return { category: emergingCategory(bins, { z: mk.z, p: mk.p }, alpha), trendZ: mk.z, trendP: mk.p }
}
