/** Dates as the interface writes them, dd/mm/yyyy, whatever the browser's locale. */

const pad = (n: number) => String(n).padStart(2, '0')

/** "2025-03-05" → "05/03/2025"; '' for an empty or malformed date. */
export function toDayMonthYear(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}

/**
 * "5/3/2025", "05.03.2025", "05-03-2025" or an ISO date → "2025-03-05"; null when the text is not a
 * calendar date (31/02/2025) or not a date at all.
 */
export function parseDayMonthYear(text: string): string | null {
  const s = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)
  const [y, mo, d] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : dmy
      ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
      : [Number.NaN, Number.NaN, Number.NaN]
  if (!Number.isInteger(y) || mo < 1 || mo > 12 || d < 1) return null
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return `${y}-${pad(mo)}-${pad(d)}`
}
