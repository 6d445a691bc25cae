// What the disclosure walk checks of the statistics derived from incident counts (auth/disclosure.ts, rules 2
// and 3), read from the shape of each answer and the names of its keys, never from a list of endpoints, so a
// new endpoint is checked as soon as the walk reaches it:
//
// - A row whose incident count is withheld carries no statistic of that count: every key named as one (a rate,
//   a density per km², a ratio, a confidence bound, a p-value, a z-score, a hot-spot class, a smoothed rate, a
//   priority component or contribution, a change class, a mean) is null or absent. A row is an element of any
//   array, or the answer itself; its keys are its own and those of the objects nested in it (not in its arrays).
// - Rows that state no count (a hot-spot row, say) are checked against the count that the other answers give
//   the same unit for the same level, period and categories: rule 3 withholds a unit alike in every answer.
//   (A row with a series of its own, an emerging hot-spot row, is checked step by step instead.)
// - The same rule, checked directly: no answer publishes a count that another withholds.
// - A total rate derived from a total count (incidents per 1,000 residents, per km²) must be the rate of the
//   total published next to it; one computed from every count would give the withheld ones away by subtraction.
//
// Naming conventions the checks read: a count is `incidents` or `count`, its period that of the answer or the
// one named by a suffix or prefix (`count_a` → `a`, `incidents_previous` → `previous_period`, `baseline_`); a
// statistic with such a word belongs to that period's count, one that compares counts (ratio, ci, p, trend,
// change) to every count of its row, any other to the row's count of the answer's period. A row with a `step`
// (YYYY-MM or YYYY-Qn) counts that step. `value` is a count when the metric asked for is `incidents`, else a
// statistic of incidents when the metric is one. A score part named in its row's `missing` list adds 0 points.
import { type Period, wholeMonths } from './disclosure.ts'

// biome-ignore lint/suspicious/noExplicitAny: the checks read any JSON answer of any endpoint
type Json = any
type Tag = string

const COUNT = /^(?:(baseline)_)?(?:incidents|count)(?:_(a|b|previous))?$/
/** Words that make a key a statistic of incidents, when it is not a count itself. */
const STATISTIC = new Set([
  'incident',
  'incidents',
  'rate',
  'ratio',
  'eb',
  'shrinkage',
  'ci',
  'p',
  'z',
  'gi',
  'moran',
  'lisa',
  'hot',
  'hotspot',
  'trend',
  'change',
  'density',
  'mean',
])
/** Statistics that compare counts: withheld with any count of their row. */
const COMPARISON = new Set(['ratio', 'ci', 'p', 'trend', 'change'])
const PERIOD_WORDS = new Set(['a', 'b', 'previous', 'baseline'])
/** Where an answer states the period of each count tag. */
const PERIOD_OF: Record<Tag, string> = { '': 'period', a: 'a', b: 'b', previous: 'previous_period' }
/** Flags and tallies of what is withheld: about the rule, not the counts. */
const MARKER = /(^|_)suppressed$|(^|_)withheld(_|$)/
/** Documentation and geometry inside an answer: not figures. */
const NOT_FIGURES = new Set(['method', 'geometry'])
const UNIT_CODE = /^\d{2}$|^\d{5}(-\d{3})?$/

const isStatisticName = (key: string) => key.split('_').some((w) => STATISTIC.has(w))

/** The period tag of a count key ('' = the answer's period), or null when the key is not a count. */
function countTag(key: string, metric: string | undefined): Tag | null {
  if (key === 'value') return metric === 'incidents' ? '' : null
  const m = COUNT.exec(key)
  return m ? (m[1] ?? m[2] ?? '') : null
}

/** The count a statistic key belongs to: a period tag, '*' for every count of its row, or null: no statistic. */
function statisticTag(key: string, metric: string | undefined): Tag | null {
  if (MARKER.test(key) || countTag(key, metric) !== null) return null
  const words = key.split('_')
  const incidentValue = key === 'value' && metric !== undefined && isStatisticName(metric)
  if (!incidentValue && key !== 'small_count' && !words.some((w) => STATISTIC.has(w))) return null
  const period = words.find((w) => PERIOD_WORDS.has(w))
  if (period) return period
  return words.some((w) => COMPARISON.has(w)) ? '*' : ''
}

interface Scalar {
  path: string
  key: string
  value: unknown
  /** the unit code of the innermost object holding the key */
  code: string | undefined
}

const unitCode = (o: Json): string | undefined =>
  typeof o?.code === 'string' && UNIT_CODE.test(o.code) ? o.code : undefined

/** A row's own figures: its keys and those of the objects nested in it, not in its arrays. */
function scalarsOf(row: Json, code: string | undefined, prefix = '', out: Scalar[] = []): Scalar[] {
  const here = unitCode(row) ?? code
  for (const [key, value] of Object.entries(row)) {
    if (NOT_FIGURES.has(key) || Array.isArray(value)) continue
    const path = prefix ? `${prefix}.${key}` : key
    if (value && typeof value === 'object') scalarsOf(value, here, path, out)
    else out.push({ path, key, value, code: here })
  }
  return out
}

interface Row {
  where: string
  value: Json
  code: string | undefined
  /** the period the row counts, when not the answer's (a step of a series) */
  step: Period | null
  hasArrays: boolean
}

const monthEnd = (ym: string) => wholeMonths({ from: `${ym}-01`, to: `${ym}-01` }).to

/** A step label of a series as a period: YYYY-MM or YYYY-Qn. */
function stepPeriod(step: unknown): Period | null {
  if (typeof step !== 'string') return null
  if (/^\d{4}-\d{2}$/.test(step)) return { from: `${step}-01`, to: monthEnd(step) }
  const q = /^(\d{4})-Q([1-4])$/.exec(step)
  if (!q) return null
  const first = (Number(q[2]) - 1) * 3 + 1
  const ym = (m: number) => `${q[1]}-${String(m).padStart(2, '0')}`
  return { from: `${ym(first)}-01`, to: monthEnd(ym(first + 2)) }
}

/** The answer itself and every object in an array anywhere in it, with the unit code it is about. */
function rowsOf(body: Json): Row[] {
  const rows: Row[] = []
  const visit = (v: Json, where: string, code: string | undefined, isRow: boolean) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        visit(x, `${where}[${i}]`, code, true)
      })
      return
    }
    if (!v || typeof v !== 'object') return
    const here = unitCode(v) ?? code
    if (isRow) {
      const hasArrays = Object.values(v).some(Array.isArray)
      rows.push({ where: where || 'the answer', value: v, code: here, step: stepPeriod(v.step), hasArrays })
    }
    for (const [k, x] of Object.entries(v))
      if (!NOT_FIGURES.has(k)) visit(x, where ? `${where}.${k}` : k, here, false)
  }
  visit(body, '', undefined, true)
  return rows
}

const levelOf = (code: string) =>
  code.length === 2 ? 'province' : code.includes('-') ? 'village' : 'commune'
const isPeriod = (p: Json): p is Period => typeof p?.from === 'string' && typeof p?.to === 'string'
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

interface Seen {
  value: number | null
  where: string
}

/** A row that states no count of its own, with the statistics it gives: checked when every answer is in. */
interface Unchecked {
  key: string
  code: string
  where: string
  statistics: string[]
}

/**
 * Collects, answer by answer, what an aggregate-only caller was told, and reports what gives a withheld count
 * away: `observe` for what one answer shows on its own, `finish` for what the answers show together.
 */
export class DerivedStatistics {
  /** per role, level, period and categories: each unit's count as published (null: withheld) */
  private readonly counts = new Map<string, Map<string, Seen>>()
  private readonly unchecked: Unchecked[] = []
  private readonly conflicts: string[] = []

  /** Problems of one answer of an aggregate-only caller; `url` names it in the problems. */
  observe(role: string, url: string, query: Record<string, string>, body: Json): string[] {
    const problems: string[] = []
    const metric: string | undefined =
      query.metric ?? (typeof body?.metric === 'string' ? body.metric : undefined)
    const categories = (query.categories ?? '').split(',').filter(Boolean).sort().join(',')
    const keyOf = (code: string, p: Period) => `${role}|${levelOf(code)}|${p.from}..${p.to}|${categories}`
    const periodOf = (row: Row, tag: Tag): Period | null => {
      if (tag === '' && row.step) return row.step
      const p = body?.[PERIOD_OF[tag] ?? '']
      return isPeriod(p) ? p : null
    }

    for (const row of rowsOf(body)) {
      const scalars = scalarsOf(row.value, row.code)
      const counts = scalars
        .map((s) => ({ ...s, tag: countTag(s.key, metric) }))
        .filter((s): s is Scalar & { tag: Tag } => s.tag !== null && (s.value === null || num(s.value)))
      // a part of a score that the row lists as missing adds 0 points: missing data, not a statistic of it
      const missing = new Set(Array.isArray(row.value.missing) ? row.value.missing : [])
      const statistics = scalars
        .map((s) => ({ ...s, tag: statisticTag(s.key, metric) }))
        .filter((s) => s.tag !== null && s.value !== null && s.value !== undefined)
        .filter((s) => !(missing.has(s.key) && s.value === 0))

      for (const c of counts) {
        const p = periodOf(row, c.tag)
        if (!c.code || !p) continue
        this.see(keyOf(c.code, p), c.code, { value: c.value as number | null, where: `${url} ${row.where}` })
      }

      if (counts.length) {
        const withheld = (tag: Tag) => {
          const own = counts.filter(
            (c) => tag === '*' || c.tag === tag || (tag === '' && !counts.some((x) => x.tag === '')),
          )
          return own.some((c) => c.value === null)
        }
        for (const s of statistics)
          if (withheld(s.tag as Tag))
            problems.push(
              `${row.where}${row.code ? ` (${row.code})` : ''}: ${s.path} = ${JSON.stringify(s.value)} while its count is withheld`,
            )
      } else if (row.code && !row.hasArrays && statistics.length) {
        // a row with no count of its own (a hot-spot row): its statistics are of the unit's count in the period
        const p = periodOf(row, '')
        if (p)
          this.unchecked.push({
            key: keyOf(row.code, p),
            code: row.code,
            where: `${url} ${row.where}`,
            statistics: statistics.map((s) => `${s.path} = ${JSON.stringify(s.value)}`),
          })
      }
    }
    problems.push(...totalsProblems(body, metric))
    return problems
  }

  private see(key: string, code: string, seen: Seen) {
    const units = this.counts.get(key) ?? new Map<string, Seen>()
    this.counts.set(key, units)
    const before = units.get(code)
    if (!before) {
      units.set(code, seen)
      return
    }
    if ((before.value === null) !== (seen.value === null) && this.conflicts.length < 20) {
      const [shown, held] = before.value === null ? [seen, before] : [before, seen]
      this.conflicts.push(
        `${key.split('|').slice(0, 3).join(' ')}: ${code} has ${shown.value} at ${shown.where}, withheld at ${held.where}`,
      )
    }
    // withheld anywhere: its statistics are checked as those of a withheld count wherever they are given
    if (seen.value === null) units.set(code, seen)
  }

  /** What the answers give away together: counts withheld in one and shown in another, statistics of withheld counts. */
  finish(): string[] {
    const problems = [...this.conflicts]
    let reported = 0
    for (const u of this.unchecked) {
      const seen = this.counts.get(u.key)?.get(u.code)
      if (!seen || seen.value !== null || reported >= 20) continue
      reported++
      problems.push(
        `${u.where} (${u.code}): ${u.statistics.slice(0, 3).join(', ')} of a count withheld at ${seen.where}`,
      )
    }
    return problems
  }
}

/**
 * A total rate (or density) derived from a total count: with `rows` next to `totals`, the denominator is found
 * from the rows (the field that makes rate × field / count the same for every published row), and the count the
 * total rate implies must be the total count published.
 */
function totalsProblems(body: Json, metric: string | undefined): string[] {
  const totals = body?.totals
  if (!Array.isArray(body?.rows) || !totals || typeof totals !== 'object') return []
  const rows: Json[] = body.rows
  const problems: string[] = []
  for (const [key, total] of Object.entries(totals)) {
    const tag = statisticTag(key, metric)
    if (tag === null || tag === '*' || !num(total)) continue
    const countKey = Object.keys(totals).find((k) => countTag(k, metric) === tag && num(totals[k]))
    if (!countKey) continue
    const published = rows.filter((r) => num(r[countKey]) && r[countKey] > 0 && num(r[key]))
    const denominators = Object.keys(totals).filter(
      (k) => k !== key && k !== countKey && num(totals[k]) && statisticTag(k, metric) === null,
    )
    for (const d of denominators) {
      const usable = published.filter((r) => num(r[d]) && r[d] > 0)
      if (usable.length < 3) continue
      const factors = usable.map((r) => (r[key] * r[d]) / r[countKey])
      if (!factors.every((f) => Math.abs(f - factors[0]) <= 1e-9 * Math.abs(factors[0]))) continue
      const implied = (total * (totals[d] as number)) / factors[0]
      const count = totals[countKey] as number
      if (Math.abs(implied - count) > 1e-6 * Math.max(1, count))
        problems.push(
          `totals.${key} = ${total} implies ${countKey} ${Math.round(implied * 1000) / 1000} over totals.${d}, but totals.${countKey} is ${count}`,
        )
      break
    }
  }
  return problems
}
