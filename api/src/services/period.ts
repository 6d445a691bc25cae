import { isAggregateOnly, monthsEndingWith, wholeMonths } from '../auth/disclosure.ts'
import type { AppDeps } from '../context.ts'
import type { DataRange } from './catalog.ts'

export interface Period {
  from: string
  to: string
}

/** Mean length of a calendar year in days (Julian year), the divisor of every annualised rate. */
export const DAYS_PER_YEAR = 365.25

const DAY_MS = 86_400_000
const toDate = (s: string) => new Date(`${s}T00:00:00Z`)

/** Days in a period, both ends included. */
export function periodDays(p: Period): number {
  return Math.round((toDate(p.to).getTime() - toDate(p.from).getTime()) / DAY_MS) + 1
}

/** Length of a period in years (days / 365.25): the one place where rates are annualised. */
export function periodYears(p: Period): number {
  return periodDays(p) / DAYS_PER_YEAR
}

/** Events per 1,000 residents per year over a period; null without residents. */
export function perThousandPerYear(count: number, population: number | null, p: Period): number | null {
  return population !== null && population > 0 ? (count * 1000) / population / periodYears(p) : null
}

/** `to` minus 12 months plus a day: the default period is the last 12 months of data. */
export function twelveMonthsBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() - 1)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/**
 * Fills a missing end with the last data date and a missing start with 12 months before the end. With
 * `wholeMonths` (aggregate-only callers, auth/disclosure.ts) the period is widened to the whole calendar
 * months it touches, and the default is the 12 whole months ending with the month of the last data date.
 */
export function resolvePeriod(
  q: { from?: string; to?: string },
  range: DataRange,
  opts: { wholeMonths?: boolean } = {},
): Period {
  const to = q.to ?? (q.from && q.from > range.to ? q.from : range.to)
  if (!opts.wholeMonths) return { from: q.from ?? twelveMonthsBefore(to), to }
  return q.from ? wholeMonths({ from: q.from, to }) : monthsEndingWith(to, 12)
}

/** The period a request counts: resolved against the data range, in whole months for aggregate-only callers. */
export async function requestPeriod(deps: AppDeps, q: { from?: string; to?: string }): Promise<Period> {
  return resolvePeriod(q, await deps.catalog.range(), { wholeMonths: isAggregateOnly(deps.principal) })
}
