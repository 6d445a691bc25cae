import type { DataRange } from './catalog.ts'

export interface Period {
  from: string
  to: string
}

/** `to` minus 12 months plus a day: the default period is the last 12 months of data. */
export function twelveMonthsBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`)
  d.setUTCFullYear(d.getUTCFullYear() - 1)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** Fills a missing end with the last data date and a missing start with 12 months before the end. */
export function resolvePeriod(q: { from?: string; to?: string }, range: DataRange): Period {
  const to = q.to ?? (q.from && q.from > range.to ? q.from : range.to)
  return { from: q.from ?? twelveMonthsBefore(to), to }
}
