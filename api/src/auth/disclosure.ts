/**
 * Statistical disclosure control for aggregate-only callers (roles without the read_incident_points
 * permission: briefer and viewer). Incident data is police data: a count of one or two incidents in a village,
 * a month or a small hexagon can point at a household. The rule, applied by every endpoint and tile layer:
 *
 * 1. Small counts are withheld. An incident count with 0 < n < MIN_DISCLOSED_COUNT is reported as null with a
 *    `suppressed` flag, never as zero; zero is published (a unit's zero is information, not a disclosure).
 * 2. Withheld counts are unknown downstream. Every statistic derived from a withheld count is withheld too
 *    (rates, per km², smoothed rates, rate ratios, p-values, scores' incident components) and the count
 *    never enters an estimate computed for the caller: a total, an Empirical-Bayes prior, a hot-spot
 *    statistic or a ranking is computed from the published counts only, as if the withheld ones were missing
 *    data. So `totals.incidents` is the sum of the published rows, and the number of withheld units is stated.
 * 3. No withheld count can be worked out from a total published next to it (complementary disclosure).
 *    Villages are grouped by commune, whose count is published at the commune level; the cells (months ×
 *    categories) of a unit's series by the unit's count, and the series lists published cells only. When the
 *    withheld members of a group could be solved from its total by someone who knows this rule, the group's
 *    zeros are withheld too, then its smallest published counts (secondary suppression); a group that cannot
 *    be protected so has its total withheld (a commune's count). Which units are withheld depends only on
 *    the level, period and categories, never on other filters, so a unit is withheld alike in every response.
 * 4. Floors. Periods are whole calendar months (a day or part of a month is widened to the months it
 *    touches, and the response states the period counted); hexagons are at least MIN_HEX_EDGE_M on an edge
 *    (finer requests are answered at the floor, in tiles as well). A hexagon with a withheld count is left
 *    out altogether, geometry included. Reasons: at a 250 m edge over one day every incident lay within
 *    ~220 m of a published cell's centre. A 2 km edge gives cells of about 10 km², the size of a village or
 *    larger (incident locations are often only the village), and a month is the shortest period the
 *    dashboard reports by, long enough that three incidents cannot be tied to one known event.
 *
 * Not covered by suppression alone: differences between separately requested, overlapping periods or
 * category sets (a year minus eleven months). Exact counts cannot be made safe against every such
 * difference without rounding or noise; the month floor limits what a difference can isolate to a month.
 */
import type { Principal } from './principal.ts'
import { can } from './principal.ts'

export const MIN_DISCLOSED_COUNT = 3
/** Finest hexagon edge (centre to vertex), in ground metres, open to an aggregate-only caller. */
export const MIN_HEX_EDGE_M = 2000

export const isSuppressed = (n: number | null | undefined, min = MIN_DISCLOSED_COUNT) =>
  n != null && n > 0 && n < min

/** A caller that sees aggregates only; no caller (the application itself) is not one. */
export const isAggregateOnly = (p: Principal | null | undefined) =>
  p != null && !can(p, 'read_incident_points')

export interface Period {
  from: string
  to: string
}

const monthEnd = (d: string) => {
  const t = new Date(`${d.slice(0, 7)}-01T00:00:00Z`)
  t.setUTCMonth(t.getUTCMonth() + 1)
  t.setUTCDate(0)
  return t.toISOString().slice(0, 10)
}

/** The whole calendar months that a period touches. */
export const wholeMonths = (p: Period): Period => ({ from: `${p.from.slice(0, 7)}-01`, to: monthEnd(p.to) })

export const isWholeMonths = (p: Period) => p.from.endsWith('-01') && p.to === monthEnd(p.to)

/** The `months` whole months that end with the month of `to`. */
export function monthsEndingWith(to: string, months: number): Period {
  const t = new Date(`${to.slice(0, 7)}-01T00:00:00Z`)
  t.setUTCMonth(t.getUTCMonth() - (months - 1))
  return { from: t.toISOString().slice(0, 10), to: monthEnd(to) }
}

/** Whole months in a whole-month period. */
export const monthCount = (p: Period) =>
  (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
  Number(p.to.slice(5, 7)) -
  Number(p.from.slice(5, 7)) +
  1

/** The same number of whole months just before a whole-month period. */
export function previousMonths(p: Period): Period {
  const before = new Date(`${p.from}T00:00:00Z`)
  before.setUTCDate(0)
  return monthsEndingWith(before.toISOString().slice(0, 10), monthCount(p))
}

export interface Withheld {
  /** per count: withheld */
  held: boolean[]
  /** groups whose total pins a small count even with every member withheld: the total must be withheld */
  unsafe: Set<string | null>
}

/**
 * Which counts to withhold: those with 0 < n < min, and in each group whose total is published (e.g. the
 * villages of one commune) whatever else it takes for the total not to determine any small withheld count:
 * first the group's zeros (so that a withheld count may be 0, 1 or 2), then the smallest published counts.
 * `groups` undefined: no total is published, small counts only; a string: all counts form one group.
 * `zerosHidden`: zeros are never listed (a series that lists only non-zero cells), so they count as withheld.
 */
export function withheldCounts(
  counts: readonly number[],
  groups?: readonly (string | null)[] | string,
  opts: { zerosHidden?: boolean; min?: number } = {},
): Withheld {
  const min = opts.min ?? MIN_DISCLOSED_COUNT
  const held = counts.map((n) => isSuppressed(n, min) || (opts.zerosHidden === true && n === 0))
  const unsafe = new Set<string | null>()
  if (groups === undefined) return { held, unsafe }
  const members = new Map<string | null, number[]>()
  counts.forEach((_, i) => {
    const g = typeof groups === 'string' ? groups : groups[i]
    members.set(g, [...(members.get(g) ?? []), i])
  })
  for (const [group, list] of members) {
    while (determined(list, counts, held, min)) {
      const zeros = list.filter((i) => !held[i] && counts[i] === 0)
      if (zeros.length) {
        for (const i of zeros) held[i] = true
        continue
      }
      let next = -1
      for (const i of list) if (!held[i] && (next < 0 || counts[i] < counts[next])) next = i
      if (next < 0) {
        unsafe.add(group)
        break
      }
      held[next] = true
    }
  }
  return { held, unsafe }
}

/**
 * Whether a group's total pins a small withheld count. Someone who knows this rule knows that each withheld
 * count below `min` lies in [1, min − 1], or in [0, min − 1] once zeros are withheld too, and each other withheld
 * one in [min, ∞); a small count is pinned when the others' bounds leave it a single value other than 0.
 */
function determined(list: number[], counts: readonly number[], held: readonly boolean[], min: number) {
  const withheld = list.filter((i) => held[i])
  const small = withheld.filter((i) => counts[i] < min)
  if (!small.some((i) => counts[i] > 0)) return false
  const floor = small.some((i) => counts[i] === 0) ? 0 : 1
  const sum = withheld.reduce((s, i) => s + counts[i], 0)
  const large = withheld.length - small.length
  const loOthers = (small.length - 1) * floor + large * min
  const hiOthers = large > 0 ? Number.POSITIVE_INFINITY : (small.length - 1) * (min - 1)
  const lo = Math.max(floor, sum - hiOthers)
  const hi = Math.min(min - 1, sum - loOthers)
  return lo >= hi && hi > 0
}
