import type { Level } from '@antt/contract'
import type { Queryable } from '@antt/data/db'
import { badRequest } from '../../http/errors.ts'
import { type Period, periodDays } from '../period.ts'

export interface IncidentCountRow {
  code: string
  name: string
  commune_code: string | null
  population: number
  incidents_a: number
  /** null when no period B was asked for. */
  incidents_b: number | null
}

export interface IncidentCountFilters {
  categories?: string[]
  classes?: string[]
  commune?: string
}

/** Incidents per unit in one or two periods (unit_incident_counts, sql/functions/06_stats.sql). */
export function incidentCounts(
  db: Queryable,
  level: Level,
  a: Period,
  b: Period | null,
  filters: IncidentCountFilters,
): Promise<IncidentCountRow[]> {
  return db.query<IncidentCountRow>(
    `select code, name, commune_code, population, incidents_a, incidents_b
     from unit_incident_counts($1, $2::date, $3::date, $4::date, $5::date, $6::text[], $7::text[], $8)`,
    [
      level,
      a.from,
      a.to,
      b?.from ?? null,
      b?.to ?? null,
      filters.categories ?? null,
      filters.classes ?? null,
      filters.commune ?? null,
    ],
  )
}

const DAY_MS = 86_400_000
const toDate = (s: string) => new Date(`${s}T00:00:00Z`)
const toIso = (d: Date) => d.toISOString().slice(0, 10)

/** The period of the same number of days that ends the day before `p` starts. */
export function previousPeriod(p: Period): Period {
  const days = periodDays(p)
  const to = new Date(toDate(p.from).getTime() - DAY_MS)
  const from = new Date(to.getTime() - (days - 1) * DAY_MS)
  return { from: toIso(from), to: toIso(to) }
}

/** Rejects a well-formed commune code that is not a commune the caller can see, naming the field. */
export async function checkCommune(db: Queryable, code: string | undefined): Promise<void> {
  if (code === undefined) return
  const rows = await db.query('select 1 from commune where code = $1', [code])
  if (rows.length === 0) throw badRequest('commune', `unknown commune ${code}`)
}
