// Which column holds which field: headers matched case- and diacritic-insensitively against the kind's
// field names, Vietnamese headers and aliases ("Mã xã", "MA_XA", "ma xa", "commune_code" are one field).
import type { FieldDef, KindDef } from './kinds/types.ts'
import { type Cell, cellText, fold } from './values.ts'

export interface ColumnMap {
  index: number
  header: string
  field: string | null
}

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
  const columns: ColumnMap[] = []
  const issues: HeaderIssue[] = []
  const taken = new Map<string, string>()
  const unknown: string[] = []
  headers.forEach((cell, i) => {
    const header = cellText(cell)
    if (!header) return
    const field = matchHeader(header, index)
    if (!field) {
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
