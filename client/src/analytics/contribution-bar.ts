/**
 * Layout of a stacked contribution bar: the points each part of the priority score contributed, side by side,
 * in a fixed order, as percentages of a bar that stands for `scaleMax` points (100 = the whole 0–100 scale,
 * so bars of different rows and weightings compare directly).
 */
/** A part of the score and the points it contributed. */
interface Part<K extends string> {
  key: K
  points: number
}

/** The parts that contributed points (finite, above zero), in `order`, with their place in it. */
function contributingParts<K extends string>(contributions: Partial<Record<K, number>>, order: readonly K[]) {
  return order.flatMap((key, i) => {
    const points = contributions[key]
    return points !== undefined && Number.isFinite(points) && points > 0 ? [{ key, points, i }] : []
  })
}

export interface BarSegment<K extends string = string> extends Part<K> {
  /** left edge and width, in percent of the bar */
  start: number
  width: number
}

export function contributionSegments<K extends string>(
  contributions: Partial<Record<K, number>>,
  order: readonly K[],
  scaleMax = 100,
): BarSegment<K>[] {
  const out: BarSegment<K>[] = []
  if (!(scaleMax > 0)) return out
  let at = 0
  for (const { key, points } of contributingParts(contributions, order)) {
    const width = Math.min((points / scaleMax) * 100, 100 - at)
    if (width <= 0) break
    out.push({ key, points, start: at, width })
    at += width
  }
  return out
}

export interface TopContribution<K extends string = string> extends Part<K> {
  /** share of the score, 0–1 */
  share: number
}

/**
 * The parts that contributed most to a score, largest first (ties in `order`), leaving out parts that gave
 * nothing and stopping after `limit`.
 */
export function topContributions<K extends string>(
  contributions: Partial<Record<K, number>>,
  order: readonly K[],
  limit = 4,
): TopContribution<K>[] {
  const total = order.reduce((s, k) => s + Math.max(0, contributions[k] ?? 0), 0)
  return contributingParts(contributions, order)
    .sort((a, b) => b.points - a.points || a.i - b.i)
    .slice(0, limit)
    .map(({ key, points }) => ({ key, points, share: total > 0 ? points / total : 0 }))
}
