import {
  type UnitDetail,
  type UnitLevel,
  unitCode,
  unitCollection,
  unitDetailQuery,
  unitDetailResult,
  unitsQuery,
} from '@antt/contract'
import { Hono } from 'hono'
import { z } from 'zod'
import { isAggregateOnly } from '../auth/disclosure.ts'
import { can } from '../auth/principal.ts'
import type { AppEnv } from '../context.ts'
import { describeTag, geojsonAnswer, jsonAnswer } from '../http/describe.ts'
import { badRequest, notFound } from '../http/errors.ts'
import { memoJson } from '../http/memo-json.ts'
import { checkPeriod, params, query } from '../http/validate.ts'
import { checkCommuneCode } from '../services/communes.ts'
import { withScenario } from '../services/scenarios/middleware.ts'
import { unitDetail } from '../services/unit-detail.ts'

const doc = describeTag('Units and metrics')

/** What each level's features carry and where its geometry comes from. */
const LEVELS = {
  province: {
    table: 'province',
    where: 'valid_to is null',
    props: { code: 'code', name: 'name', population: 'population', area_km2: 'round(area_km2::numeric, 2)' },
  },
  commune: {
    table: 'commune u',
    where: 'true',
    props: {
      code: 'code',
      name: 'name',
      full_name: 'full_name',
      type: 'type',
      population: 'population',
      area_km2: 'area_km2',
      is_border: `exists (select 1 from commune_area_class a where a.commune_code = u.code and a.class_code = 'border')`,
      distance_to_border_km: 'round((border_distance_m / 1000)::numeric, 3)',
      area_classes: `coalesce((select array_agg(class_code order by class_code) from commune_area_class a where a.commune_code = u.code), '{}')`,
    },
  },
  commune_2008: {
    table: 'legacy_commune',
    where: 'true',
    props: {
      code: 'code',
      official_code: 'official_code',
      name: 'name',
      district: 'district_name',
      population: 'population_2009',
      area_km2: 'area_km2',
      new_codes: 'new_codes',
    },
  },
  village: {
    table: 'village u',
    where: 'true',
    props: {
      code: 'code',
      name: 'name',
      commune_code: 'commune_code',
      kind: 'kind',
      population: 'population',
      households: 'households',
      area_km2: 'round(area_km2::numeric, 3)',
      is_border: `exists (select 1 from commune_area_class a where a.commune_code = u.commune_code and a.class_code = 'border')`,
      distance_to_border_km: 'round((border_distance_m / 1000)::numeric, 3)',
    },
  },
} as const satisfies Record<UnitLevel, { table: string; where: string; props: Record<string, string> }>

export const units = new Hono<AppEnv>()
  .get(
    '/',
    doc('Administrative units as GeoJSON', { 200: geojsonAnswer(unitCollection) }),
    query(unitsQuery),
    async (c) => {
      const q = c.req.valid('query')
      const spec = LEVELS[q.level]
      const all = Object.keys(spec.props)
      const wanted = q.properties ?? all
      const unknown = wanted.filter((p) => !all.includes(p))
      if (unknown.length)
        throw badRequest('properties', `unknown ${unknown.join(', ')}; available: ${all.join(', ')}`)
      const props = wanted.map((p) => `'${p}', ${(spec.props as Record<string, string>)[p]}`).join(', ')
      const geomCol =
        q.level === 'village' && q.geometry === 'point'
          ? 'point'
          : q.geometry === 'point'
            ? 'ST_PointOnSurface(geom)'
            : 'geom'
      const geom = q.simplify > 0 ? `ST_SimplifyPreserveTopology(${geomCol}, ${q.simplify})` : geomCol
      const where: string[] = [spec.where]
      const args: unknown[] = []
      await checkCommuneCode(c.get('deps'), q.commune)
      if (q.commune && (q.level === 'village' || q.level === 'commune')) {
        args.push(q.commune)
        where.push(q.level === 'village' ? 'commune_code = $1' : 'code = $1')
      }
      const { db } = c.get('deps')
      // Boundaries change only by import, which changes the data version and so empties the memo.
      return memoJson(
        c,
        `units|${JSON.stringify(q)}`,
        async () => {
          const [row] = await db.query<{ fc: string }>(
            `select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
             'type', 'Feature', 'id', code,
             'properties', json_build_object(${props}),
             'geometry', ST_AsGeoJSON(${geom}, 6)::json) order by code), '[]'))::text as fc
           from ${spec.table} where ${where.join(' and ')}`,
            args,
          )
          return row.fc
        },
        'application/geo+json; charset=utf-8',
      )
    },
  )
  .get(
    '/:code',
    doc(
      "One unit's metrics, monthly incidents by category, villages, models with evaluations, certifications",
      { 200: jsonAnswer(unitDetailResult) },
    ),
    params(z.object({ code: unitCode })),
    query(unitDetailQuery),
    withScenario,
    async (c) => {
      const deps = c.get('deps')
      const { code } = c.req.valid('param')
      const filters = checkPeriod(c.req.valid('query'))
      // Keyed by what the answer discloses to the caller as well, on top of the role and scope the memo
      // already keeps apart.
      const key = [
        'unit',
        code,
        filters,
        isAggregateOnly(deps.principal),
        can(deps.principal, 'read_records'),
      ]
      return memoJson<UnitDetail>(c, JSON.stringify(key), async () => {
        const detail = await unitDetail(deps, code, filters)
        if (!detail) throw notFound(`unit ${code}`, 'code')
        return detail
      })
    },
  )
