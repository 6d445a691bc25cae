// Cell values as offices write them: Vietnamese and ISO dates, Excel serial dates, numbers with either
// decimal separator, yes/no in both languages. Pure functions, no database.

export type Cell = string | number | boolean | Date | null

/** Lower case, no diacritics, đ → d, punctuation as single spaces: "Ngày thành lập" → "ngay thanh lap". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export type Parsed<T> = { value: T } | { error: string }

/** Text of a cell, NFC-normalised, trimmed, inner white space collapsed; empty → null. */
export function cellText(c: Cell): string | null {
  if (c === null || c === undefined) return null
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10)
  let s = typeof c === 'string' ? c : String(c)
  // combining marks (decomposed "Unicode tổ hợp" text) are composed; most cells have none
  if (/[\u0300-\u036f]/.test(s)) s = s.normalize('NFC')
  if (/\s\s|[\t\n\r\u00a0]/.test(s)) s = s.replace(/\s+/g, ' ')
  s = s.trim()
  // Excel's text mark before what would otherwise be a formula: '=…, '+…, '-…, '@…
  if (s.charCodeAt(0) === 39 && /^'[=+\-@]/.test(s)) s = s.slice(1)
  return s === '' ? null : s
}

const DAY_MS = 86_400_000
// Excel's day 0 is 1899-12-30 once its fictitious 29 February 1900 (serial 60) is allowed for.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

function isoOf(y: number, m: number, d: number): string | null {
  const t = Date.UTC(y, m - 1, d)
  const date = new Date(t)
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** Excel serial day number → ISO date (1900 date system). */
export function excelSerialDate(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n >= 2_958_466) return null
  return new Date(EXCEL_EPOCH + Math.floor(n) * DAY_MS).toISOString().slice(0, 10)
}

/**
 * Dates as written in Vietnamese offices: dd/mm/yyyy and d/m/yyyy (day first, also with - or .), ISO
 * yyyy-mm-dd, "ngày 5 tháng 3 năm 2024", Excel date cells and Excel serial numbers.
 */
export function parseDate(c: Cell): Parsed<string> {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) return { error: 'not a date' }
    // Excel date cells arrive as UTC midnight; a time of day is dropped.
    return { value: c.toISOString().slice(0, 10) }
  }
  if (typeof c === 'number') {
    const iso = excelSerialDate(c)
    return iso ? { value: iso } : { error: `${c} is not a date` }
  }
  const s = cellText(c)
  if (!s) return { error: 'empty' }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s)
  if (m) return checked(isoOf(+m[1], +m[2], +m[3]), s)
  m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?:\s+[\d:]+)?$/.exec(s)
  if (m) return checked(isoOf(+m[3], +m[2], +m[1]), s)
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s)
  if (m) return checked(isoOf(+m[1], +m[2], +m[3]), s)
  m = /^ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})$/.exec(fold(s))
  if (m) return checked(isoOf(+m[3], +m[2], +m[1]), s)
  // A date column saved from Excel as "General" arrives as its serial number.
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const iso = excelSerialDate(Number(s))
    if (iso) return { value: iso }
  }
  return { error: `"${s}" is not a date: write dd/mm/yyyy (e.g. 05/03/2024) or yyyy-mm-dd` }
}

function checked(iso: string | null, s: string): Parsed<string> {
  return iso ? { value: iso } : { error: `"${s}" is not a calendar date` }
}

/**
 * Numbers with either decimal separator. `prefer` settles "1,234" and "1.234": as decimals (coordinates,
 * areas, where Vietnamese spreadsheets write a decimal comma) or as thousands (amounts, counts).
 */
export function parseNumber(c: Cell, prefer: 'decimal' | 'thousands' = 'decimal'): Parsed<number> {
  if (typeof c === 'number') return Number.isFinite(c) ? { value: c } : { error: 'not a number' }
  if (typeof c === 'boolean' || c instanceof Date) return { error: 'not a number' }
  const raw = cellText(c)
  if (!raw) return { error: 'empty' }
  let s = raw.replace(/[\s\u00a0]/g, '').replace(/(đồng|đ|vnd|m|km2|km²)$/i, '')
  const dots = (s.match(/\./g) ?? []).length
  const commas = (s.match(/,/g) ?? []).length
  if (dots && commas) {
    // the later separator is the decimal one
    s = s.lastIndexOf(',') > s.lastIndexOf('.') ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '')
  } else if (commas) {
    if (commas > 1 || (prefer === 'thousands' && /^-?\d{1,3}(,\d{3})+$/.test(s))) s = s.replace(/,/g, '')
    else s = s.replace(',', '.')
  } else if (dots > 1 || (dots === 1 && prefer === 'thousands' && /^-?\d{1,3}(\.\d{3})+$/.test(s))) {
    s = s.replace(/\./g, '')
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { error: `"${raw}" is not a number` }
  const n = Number(s)
  return Number.isFinite(n) ? { value: n } : { error: `"${raw}" is not a number` }
}

const TRUE = new Set(['co', 'x', 'yes', 'y', 'true', '1', 'dat', 'dat chuan', 'c', 'v', 'ok'])
const FALSE = new Set(['khong', 'no', 'n', 'false', '0', 'khong dat', 'k', 'chua dat'])

export function parseBool(c: Cell): Parsed<boolean> {
  if (typeof c === 'boolean') return { value: c }
  if (typeof c === 'number') return c === 1 || c === 0 ? { value: c === 1 } : { error: `${c} is not yes/no` }
  const s = cellText(c)
  if (!s) return { error: 'empty' }
  if (s === '✓' || s === '✔') return { value: true }
  const f = fold(s)
  if (TRUE.has(f)) return { value: true }
  if (FALSE.has(f)) return { value: false }
  return { error: `"${s}" is not yes/no: write Có or Không` }
}

const spellingsOf = new WeakMap<object, Map<string, string>>()

/** One of a fixed set of values, matched by any of its spellings (folded). */
export function parseEnum(c: Cell, values: Record<string, readonly string[]>): Parsed<string> {
  const s = cellText(c)
  if (!s) return { error: 'empty' }
  let index = spellingsOf.get(values)
  if (!index) {
    index = new Map()
    for (const [value, spellings] of Object.entries(values))
      for (const x of [value, ...spellings]) if (!index.has(fold(x))) index.set(fold(x), value)
    spellingsOf.set(values, index)
  }
  const value = index.get(fold(s))
  if (value !== undefined) return { value }
  return {
    error: `"${s}" is not one of: ${Object.values(values)
      .map((v) => v[0])
      .join(', ')}`,
  }
}

/** A commune code as Excel leaves it: "2647" (leading zero lost) → "02647". */
export function padCommuneCode(s: string): string {
  return /^\d{1,5}$/.test(s) ? s.padStart(5, '0') : s
}

/** A village code "2647-3" → "02647-003". */
export function padVillageCode(s: string): string {
  const m = /^(\d{1,5})-(\d{1,3})$/.exec(s)
  return m ? `${m[1].padStart(5, '0')}-${m[2].padStart(3, '0')}` : s
}
