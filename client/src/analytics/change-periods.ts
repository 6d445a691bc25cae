import type { Period } from '../state/analytics-state.ts'

/** The same dates `years` years earlier (29 February becomes 28 February). */
export function shiftYears(p: Period, years: number): Period {
  const shift = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number)
    const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate()
    return `${y + years}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
  }
  return { from: shift(p.from), to: shift(p.to) }
}

export function overlaps(a: Period, b: Period): boolean {
  return a.from <= b.to && b.from <= a.to
}

export type PeriodProblem = 'order' | 'overlap' | null

/** What is wrong with periods A and B for a comparison, or null when they can be compared. */
export function periodProblem(a: Period, b: Period): PeriodProblem {
  if (!a.from || !a.to || !b.from || !b.to || a.from > a.to || b.from > b.to) return 'order'
  if (overlaps(a, b)) return 'overlap'
  return null
}
