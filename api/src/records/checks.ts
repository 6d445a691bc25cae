// Checks shared by the editing forms (/api/records): the same rules as the import, for one record, as
// 4xx errors that name the field.
import type { Queryable } from '@antt/data/db'
import { ApiError, badRequest } from '../http/errors.ts'
import { PLACE_TOLERANCE_M } from '../imports/dry-run.ts'
import { todayInVietnam } from '../imports/row.ts'

const forbidden = (field: string, problem: string) =>
  new ApiError(403, 'outside_scope', `${field}: ${problem}`, [{ field, problem }])

/** The commune exists (400) and is within the caller's scope (403). */
export async function checkCommune(db: Queryable, code: string, field = 'commune_code'): Promise<string> {
  const [c] = await db.query<{ full_name: string; in_scope: boolean }>(
    'select full_name, in_scope from import_commune_directory() where code = $1',
    [code],
  )
  if (!c) throw badRequest(field, `unknown commune ${code}`)
  if (!c.in_scope) throw forbidden(field, `commune ${code} (${c.full_name}) is outside your scope`)
  return c.full_name
}

/** The village exists and lies in the commune. */
export async function checkVillage(db: Queryable, code: string, commune: string): Promise<void> {
  const [v] = await db.query<{ commune_code: string }>('select commune_code from village where code = $1', [
    code,
  ])
  if (!v) throw badRequest('village_code', `no village with code ${code}`)
  if (v.commune_code !== commune)
    throw badRequest('village_code', `village ${code} is in commune ${v.commune_code}, not ${commune}`)
}

const TAXA = {
  model_type: 'model type',
  lead_org: 'organisation',
  incident_category: 'incident category',
  rating: 'rating',
} as const

/** A reference value exists (codes only: the forms pick from the lists). */
export async function checkCode(
  db: Queryable,
  table: keyof typeof TAXA,
  code: string,
  field: string,
): Promise<void> {
  const rows = await db.query(`select 1 from ${table} where code = $1`, [code])
  if (!rows.length) throw badRequest(field, `unknown ${TAXA[table]} ${code}`)
}

/** The point lies in its commune, within the tolerance of the simplified boundaries. */
export async function checkPoint(db: Queryable, lon: number, lat: number, commune: string): Promise<void> {
  const [r] = await db.query<{ inside: boolean; distance: number | null; in_province: boolean }>(
    `with p as (select ST_SetSRID(ST_MakePoint($1, $2), 4326) as g)
     select coalesce(ST_Intersects(c.geom, p.g) or ST_DWithin(c.geom::geography, p.g::geography, $4), false) as inside,
            round(ST_Distance(c.geom::geography, p.g::geography)) as distance,
            exists (select 1 from province v where v.valid_to is null
                    and (ST_Intersects(v.geom, p.g) or ST_DWithin(v.geom::geography, p.g::geography, $4))) as in_province
     from p left join commune c on c.code = $3`,
    [lon, lat, commune, PLACE_TOLERANCE_M],
  )
  if (!r.in_province) throw badRequest('lon', `the point (${lon}, ${lat}) is outside the province`)
  if (!r.inside) throw badRequest('lon', `the point is ${r.distance} m outside commune ${commune}`)
}

export function checkNotFuture(date: string, field: string) {
  if (date > todayInVietnam()) throw badRequest(field, `${date} is in the future`)
}

/**
 * A model the caller may see. One outside their scope is answered as a missing one (404), so that a
 * steward cannot tell the records of other communes from keys never used.
 */
export async function findModel<T = Record<string, unknown>>(
  db: Queryable,
  id: string,
  columns: string,
  field = 'id',
): Promise<T> {
  const [m] = await db.query<T>(`select ${columns} from security_model m where m.id = $1`, [id])
  if (m) return m
  throw new ApiError(404, 'not_found', `model ${id} not found`, [{ field, problem: 'not found' }])
}

/** Runs a write; a row-level security refusal becomes a 403 that names the field, not a 500. */
export async function scopedWrite<T>(field: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === '42501') throw forbidden(field, 'the record is outside your scope')
    throw err
  }
}
