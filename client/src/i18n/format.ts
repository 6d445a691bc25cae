/** Number and date formatting in the interface language (Vietnamese: 1.234,5; English: 1,234.5). */
export type Lang = 'vi' | 'en'

const LOCALE: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' }

export interface Formatter {
  lang: Lang
  /** A number with at most `digits` decimals (trailing zeros dropped). */
  number(value: number | null | undefined, digits?: number): string
  /** A share 0–1 as a percentage. */
  percent(value: number | null | undefined, digits?: number): string
  /** Whole numbers with thousands separators. */
  integer(value: number | null | undefined): string
  /** Large amounts abbreviated (1,2 tỷ / 1.2 bn). */
  compact(value: number | null | undefined): string
  /** YYYY-MM-DD → 05/03/2026 (vi) or 5 Mar 2026 (en). */
  date(iso: string | null | undefined): string
  /** YYYY-MM → "Th3/2026" or "Mar 2026". */
  month(isoMonth: string): string
}

const cache = new Map<string, Intl.NumberFormat>()
function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(opts)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], opts)
    cache.set(key, f)
  }
  return f
}

const NO_DATA = '–'
const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** Significant decimals for a value: more for small values, none for large ones. */
export function autoDigits(value: number): number {
  const a = Math.abs(value)
  if (a === 0 || a >= 100) return 0
  if (a >= 10) return 1
  if (a >= 1) return 2
  if (a >= 0.01) return 3
  return 4
}

export function createFormatter(lang: Lang): Formatter {
  return {
    lang,
    number: (v, digits) =>
      ok(v)
        ? nf(lang, { maximumFractionDigits: digits ?? autoDigits(v), useGrouping: true }).format(v)
        : NO_DATA,
    percent: (v, digits = 1) =>
      ok(v)
        ? nf(lang, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v)
        : NO_DATA,
    integer: (v) => (ok(v) ? nf(lang, { maximumFractionDigits: 0 }).format(v) : NO_DATA),
    compact: (v) => {
      if (!ok(v)) return NO_DATA
      const a = Math.abs(v)
      const units: [number, Record<Lang, string>][] = [
        [1e9, { vi: 'tỷ', en: 'bn' }],
        [1e6, { vi: 'triệu', en: 'm' }],
      ]
      for (const [size, name] of units) {
        if (a >= size) return `${nf(lang, { maximumFractionDigits: 1 }).format(v / size)} ${name[lang]}`
      }
      return nf(lang, { maximumFractionDigits: 0 }).format(v)
    },
    date: (iso) => {
      if (!iso) return NO_DATA
      const [y, m, d] = iso.split('-').map(Number)
      if (lang === 'vi') return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`
      return new Intl.DateTimeFormat('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(Date.UTC(y, m - 1, d))
    },
    month: (isoMonth) => {
      const [y, m] = isoMonth.split('-').map(Number)
      if (lang === 'vi') return `T${m}/${y}`
      return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        Date.UTC(y, m - 1, 1),
      )
    },
  }
}
