/** Month arithmetic on ISO dates (UTC), for the period picker and the month-by-month slider. */

export function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`
}

export function monthEnd(isoMonth: string): string {
  const [y, m] = isoMonth.slice(0, 7).split('-').map(Number)
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10)
}

/** Every month (YYYY-MM) from `from` to `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.slice(0, 7).split('-').map(Number)
  const [ty, tm] = to.slice(0, 7).split('-').map(Number)
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/** The period of `months` whole months ending with the month of `to`. */
export function lastMonths(to: string, months: number): { from: string; to: string } {
  const [y, m] = to.slice(0, 7).split('-').map(Number)
  const start = new Date(Date.UTC(y, m - months, 1))
  return { from: start.toISOString().slice(0, 10), to }
}

/** True when the period is exactly one calendar month. */
export function isSingleMonth(from: string, to: string): boolean {
  return from === monthStart(from) && to === monthEnd(from)
}

/** The calendar years of the data, latest first; the latest ends at the last day of data. */
export function yearPeriods(range: {
  from: string
  to: string
}): { year: number; from: string; to: string }[] {
  const out: { year: number; from: string; to: string }[] = []
  for (let y = Number(range.to.slice(0, 4)); y >= Number(range.from.slice(0, 4)); y--) {
    const end = `${y}-12-31`
    out.push({ year: y, from: `${y}-01-01`, to: end > range.to ? range.to : end })
  }
  return out
}
