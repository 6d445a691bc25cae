// Which column holds which field: headers matched case- and diacritic-insensitively against the kind's
// field names, Vietnamese headers and aliases ("Mã xã", "MA_XA", "ma xa", "commune_code" are one field).
import type { FieldDef, KindDef } from './kinds/types.ts'
import { type Cell, cellText, fold } from './values.ts'

export interface ColumnMap {
  index: number
  header: string
  field: string | null
  /** true when the header is a field name cut to the 10 characters a Shapefile's DBF allows */
  truncated?: boolean
}

/** A DBF (dBase III) field name holds at most 10 characters; Shapefile writers cut longer names there. */
export const DBF_NAME_LENGTH = 10

export interface HeaderIssue {
  field: string
  severity: 'error' | 'warning'
  message: string
}

const compact = (s: string) => fold(s).replace(/ /g, '')

/** Folded spelling → field key, for one kind. */
export function headerIndex(kind: KindDef): Map<string, string> {
  const index = new Map<string, string>()
  for (const f of kind.fields)
    for (const name of [f.key, f.vi, ...(f.aliases ?? [])]) {
      const k = compact(name)
      if (k && !index.has(k)) index.set(k, f.key)
    }
  return index
}

/** A name as a Shapefile writer stores it: folded, words joined by "_", cut to 10 characters ("TEN_MO_HIN"). */
export function dbfName(name: string): string {
  return fold(name).replace(/ /g, '_').slice(0, DBF_NAME_LENGTH)
}

/**
 * Cut spelling (as `compact`) → the field keys whose name, written for a DBF, is longer than 10 characters
 * and cut to the header's spelling, in the kind's field order. Several fields can share one cut name
 * ("Ngày thành lập" and "Ngày thanh loại" both give NGAY_THANH).
 */
export function truncatedIndex(kind: KindDef): Map<string, string[]> {
  const index = new Map<string, string[]>()
  for (const f of kind.fields)
    for (const name of [f.key, f.vi, ...(f.aliases ?? [])]) {
      if (fold(name).replace(/ /g, '_').length <= DBF_NAME_LENGTH) continue
      const cut = compact(dbfName(name))
      const keys = index.get(cut) ?? []
      if (!keys.includes(f.key)) keys.push(f.key)
      index.set(cut, keys)
    }
  return index
}

/**
 * The fields a header may name as a cut DBF name: the 10-character cut itself, or the form writers give a
 * second column with the same cut (GDAL: 8 characters, "_" and a digit, e.g. NGAY_THA_1).
 */
export function matchTruncated(header: string, index: Map<string, string[]>): string[] {
  // Every character counts here: a cut can end in "_" (NHAN_RONG_), which folding would trim.
  const written = header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')
  if (written.length !== DBF_NAME_LENGTH) return []
  const exact = index.get(compact(written))
  if (exact) return exact
  const m = /^(.{8})_\d$/.exec(written)
  if (!m) return []
  const prefix = compact(m[1])
  return [...index.entries()].filter(([cut]) => cut.startsWith(prefix)).flatMap(([, keys]) => keys)
}

/** The field a header names: the whole header, then the part before "(", then the part inside. */
export function matchHeader(header: string, index: Map<string, string>): string | null {
  const whole = index.get(compact(header))
  if (whole) return whole
  const m = /^([^(]*)\(([^)]*)\)\s*$/.exec(header)
  if (m) return index.get(compact(m[1])) ?? index.get(compact(m[2])) ?? null
  return null
}

export function mapColumns(
  kind: KindDef,
  headers: readonly Cell[],
): { columns: ColumnMap[]; issues: HeaderIssue[] } {
  const index = headerIndex(kind)
  const cutIndex = truncatedIndex(kind)
  const columns: ColumnMap[] = []
  const issues: HeaderIssue[] = []
  const taken = new Map<string, string>()
  const unknown: string[] = []
  const texts = headers.map((cell) => cellText(cell))
  // Whole names first, so that a cut name never takes a field that another column names in full.
  const whole = texts.map((h) => (h ? matchHeader(h, index) : null))
  const named = new Set(whole.filter((f): f is string => f !== null))
  texts.forEach((header, i) => {
    if (!header) return
    let field = whole[i]
    let truncated = false
    if (!field) {
      field = matchTruncated(header, cutIndex).find((k) => !named.has(k) && !taken.has(k)) ?? null
      truncated = field !== null
    }
    if (truncated && field) {
      taken.set(field, header)
      columns.push({ index: i, header, field, truncated })
    } else if (!field) {
      unknown.push(header)
      columns.push({ index: i, header, field: null })
    } else if (taken.has(field)) {
      issues.push({
        field,
        severity: 'warning',
        message: `column "${header}" reads ${field} again (already read from "${taken.get(field)}"): ignored`,
      })
      columns.push({ index: i, header, field: null })
    } else {
      taken.set(field, header)
      columns.push({ index: i, header, field })
    }
  })
  if (unknown.length)
    issues.push({
      field: unknown[0],
      severity: 'warning',
      message: `not fields of ${kind.kind}, ignored: ${unknown.map((h) => `"${h}"`).join(', ')}`,
    })
  const has = (k: string) => taken.has(k)
  for (const [a, b] of [
    ['lon', 'lat'],
    ['x', 'y'],
  ])
    if (has(a) !== has(b))
      issues.push({
        field: has(a) ? b : a,
        severity: 'error',
        message: `column ${has(a) ? a : b} is there but ${has(a) ? b : a} is missing`,
      })
  return { columns, issues }
}

/** How many cells of a row name fields of the kind: a header row has at least two. */
export function knownCount(kind: KindDef, cells: readonly Cell[]): number {
  const index = headerIndex(kind)
  return cells.filter((c) => {
    const t = cellText(c)
    return t !== null && typeof c === 'string' && matchHeader(t, index) !== null
  }).length
}

export const fieldOf = (kind: KindDef, key: string): FieldDef | undefined =>
  kind.fields.find((f) => f.key === key)
