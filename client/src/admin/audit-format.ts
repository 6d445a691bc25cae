/** Audit log entries for people: the time in Vietnam, the details as "field: value" instead of JSON. */

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** "2025-07-01T02:03:04Z" → "01/07/2025 09:03:04", Vietnam time (UTC+7), as the office reads its clock. */
export function auditTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = Object.fromEntries(VN_TIME.formatToParts(d).map((x) => [x.type, x.value]))
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const MAX_TEXT = 60

function valueText(v: unknown, number: (n: number) => string, depth: number): string {
  if (v === null || v === undefined || v === '') return '–'
  if (typeof v === 'number') return number(v)
  if (typeof v === 'boolean') return v ? '✓' : '✗'
  if (typeof v === 'string') {
    if (ISO_DATE.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`
    return v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT - 1)}…` : v
  }
  if (Array.isArray(v)) return v.length ? v.map((x) => valueText(x, number, depth + 1)).join(', ') : '–'
  if (typeof v === 'object') {
    const inner = auditDetails(v as Record<string, unknown>, number, depth + 1)
    return depth > 0 ? `{${inner}}` : inner
  }
  return String(v)
}

/**
 * The details of an entry as "kind: models · file: x.csv · bytes: 1.234"; before/after records as
 * "field: old → new" for the fields that changed.
 */
export function auditDetails(
  details: Record<string, unknown>,
  number: (n: number) => string,
  depth = 0,
): string {
  const { before, after, ...rest } = details as {
    before?: Record<string, unknown>
    after?: Record<string, unknown>
  }
  const parts: string[] = []
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    for (const k of Object.keys(after)) {
      const a = valueText(before[k], number, depth + 1)
      const b = valueText(after[k], number, depth + 1)
      if (a !== b) parts.push(`${k}: ${a} → ${b}`)
    }
  } else if (after && typeof after === 'object') {
    parts.push(valueText(after, number, depth))
  }
  for (const [k, v] of Object.entries(rest))
    parts.push(`${k.replace(/_/g, ' ')}: ${valueText(v, number, depth)}`)
  return parts.join(' · ')
}
