import {
  classBreaks,
  classCounts,
  empiricalBayesRates,
  getisOrdGiStar,
  localMoran,
  weightsFromNeighbours,
} from '@antt/analysis'
import type { Queryable } from '@antt/data/db'
import { describe, expect, it } from 'vitest'
import { backends, expectCommuneRows, expectRejected, getJson, signIn, useApp } from '../testing.ts'

const PERIOD = 'from=2025-07-01&to=2026-06-30'

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back, so the shared test database stays as seeded. */
async function inRolledBackTransaction<T>(
  db: { transaction: (fn: (tx: Queryable) => Promise<unknown>) => Promise<unknown> },
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let out: T | undefined
  await db
    .transaction(async (tx) => {
      out = await fn(tx)
      throw new Rollback()
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err
    })
  return out as T
}

/** A square `size_m` wide with its south-west corner at (lon, lat), as EWKT. */
function square(lon: number, lat: number, sizeM: number): string {
  const dLon = sizeM / (111_320 * Math.cos((lat * Math.PI) / 180))
  const dLat = sizeM / 110_574
  return `SRID=4326;MULTIPOLYGON(((${lon} ${lat},${lon + dLon} ${lat},${lon + dLon} ${lat + dLat},${lon} ${lat + dLat},${lon} ${lat})))`
}
/** Longitude `m` metres east of `lon` at latitude `lat`. */
const east = (lon: number, lat: number, m: number) => lon + m / (111_320 * Math.cos((lat * Math.PI) / 180))

describe.each(backends())('statistics endpoints on the %s database', (backend) => {
  const ctx = useApp(backend)

  describe('contiguity', () => {
    it('lists every commune with symmetric neighbour lists and no self-neighbours', async () => {
      const { status, headers, body } = await getJson(ctx.app, '/api/stats/neighbors?level=commune')
      expect(status).toBe(200)
      const nb = body as Record<string, string[]>
      expect(Object.keys(nb)).toHaveLength(99)
      for (const [code, list] of Object.entries(nb)) {
        expect(list).not.toContain(code)
        expect(new Set(list).size).toBe(list.length)
        for (const other of list) expect(nb[other]).toContain(code)
      }
      // The provincial capital touches several communes.
      expect(nb['02647'].length).toBeGreaterThanOrEqual(3)
      expect(headers.get('x-islands-count')).toBe('0')
    })

    it('is symmetric for villages too, and villages of neighbouring communes can be neighbours', async () => {
      const { body } = await getJson(ctx.app, '/api/stats/neighbors?level=village')
      const nb = body as Record<string, string[]>
      expect(Object.keys(nb).length).toBeGreaterThan(1500)
      let crossCommune = 0
      for (const [code, list] of Object.entries(nb)) {
        expect(list).not.toContain(code)
        for (const other of list) {
          expect(nb[other]).toContain(code)
          if (other.slice(0, 5) !== code.slice(0, 5)) crossCommune++
        }
      }
      expect(crossCommune).toBeGreaterThan(0)
    })

    it('reports islands as the units with an empty list', async () => {
      for (const level of ['commune', 'village']) {
        const nb = (await getJson(ctx.app, `/api/stats/neighbors?level=${level}`)).body as Record<
          string,
          string[]
        >
        const { status, body } = await getJson(ctx.app, `/api/stats/neighbors/islands?level=${level}`)
        expect(status).toBe(200)
        expect(body).toMatchObject({ level, tolerance_m: 5, units: Object.keys(nb).length })
        expect(body.rule).toMatch(/within 5 m/)
        expect(body.islands).toEqual(Object.keys(nb).filter((k) => nb[k].length === 0))
        expect(body.links * 2).toBe(Object.values(nb).reduce((s, l) => s + l.length, 0))
      }
    })

    it('counts polygons 1 m apart as contiguous and 10 m apart as not (the SQL rule)', async () => {
      const [row] = await ctx.db.query<{
        touching: boolean
        one_m: boolean
        four_m: boolean
        ten_m: boolean
      }>(
        `select geom_contiguous($1::geometry, $2::geometry, 5) as touching,
                geom_contiguous($1::geometry, $3::geometry, 5) as one_m,
                geom_contiguous($1::geometry, $4::geometry, 5) as four_m,
                geom_contiguous($1::geometry, $5::geometry, 5) as ten_m`,
        [
          square(104, 22.5, 100),
          square(east(104, 22.5, 100), 22.5, 100),
          square(east(104, 22.5, 101), 22.5, 100),
          square(east(104, 22.5, 104), 22.5, 100),
          square(east(104, 22.5, 110), 22.5, 100),
        ],
      )
      expect(row).toEqual({ touching: true, one_m: true, four_m: true, ten_m: false })
    })

    it('links two villages 1 m apart and reports a village 10 m away as an island', async () => {
      const lat = 10.5
      const lon = 100.2 // far outside the province, so the test villages touch nothing else
      const rows = await inRolledBackTransaction(ctx.db, async (tx) => {
        const [c] = await tx.query<{ code: string }>(`select code from commune order by code limit 1`)
        const insert = (code: string, geom: string) =>
          tx.query(
            `insert into village (code, commune_code, name, kind, population, point, geom)
             values ($1, $2, $1, 'thon', 100, ST_PointOnSurface($3::geometry), $3::geometry)`,
            [code, c.code, geom],
          )
        await insert('99999-901', square(lon, lat, 200))
        await insert('99999-902', square(east(lon, lat, 201), lat, 200))
        await insert('99999-903', square(east(lon, lat, 411), lat, 200))
        return tx.query<{ code: string; neighbours: string[] }>(
          `select code, neighbours from unit_neighbours('village', 5) where code like '99999-%' order by code`,
        )
      })
      expect(rows).toEqual([
        { code: '99999-901', neighbours: ['99999-902'] },
        { code: '99999-902', neighbours: ['99999-901'] },
        { code: '99999-903', neighbours: [] },
      ])
      // Rolled back: nothing left behind.
      expect(await ctx.db.query(`select code from village where code like '99999-%'`)).toEqual([])
    })
  })

  describe('hot spots', () => {
    it('returns one row per commune with Gi* and local Moran statistics and a method statement', async () => {
      const answer = await getJson(
        ctx.app,
        `/api/stats/hotspots?level=commune&metric=incident_rate_per_1000&${PERIOD}&permutations=199&seed=7`,
      )
      const fields = [
        'code',
        'value',
        'gi_z',
        'gi_p',
        'gi_p_fdr',
        'gi_class',
        'moran_i',
        'lisa_quadrant',
        'lisa_p',
      ]
      const { body } = answer
      for (const r of expectCommuneRows(answer, fields)) {
        expect(r.gi_p).toBeGreaterThanOrEqual(1 / 200)
        expect(r.gi_p_fdr).toBeGreaterThanOrEqual(r.gi_p - 1e-12)
        expect(['hot-99', 'hot-95', 'hot-90', 'cold-99', 'cold-95', 'cold-90', 'not-significant']).toContain(
          r.gi_class,
        )
        expect(['HH', 'LH', 'LL', 'HL']).toContain(r.lisa_quadrant)
      }
      expect(body.method).toMatchObject({ permutations: 199, seed: 7, tolerance_m: 5 })
      expect(body.method.gi_star).toMatch(/w_ii = 1/)
      expect(body.method.local_moran).toMatch(/row-standardised/)
      expect(body.method.fdr).toMatch(/Benjamini–Hochberg/)
      expect(body.counts).toMatchObject({ units: 99, analysed: 99, no_data: 0 })
    })

    it('agrees with the analysis package on the same values, weights and seed (reproducible)', async () => {
      const path = `/api/stats/hotspots?level=commune&metric=incidents&${PERIOD}&permutations=99&seed=42`
      const api = (await getJson(ctx.app, path)).body
      const metrics = (await getJson(ctx.app, `/api/metrics?level=commune&${PERIOD}`)).body
      const nb = (await getJson(ctx.app, '/api/stats/neighbors?level=commune')).body
      const ids = metrics.rows.map((r: any) => r.code)
      const x = metrics.rows.map((r: any) => r.incidents)
      const w = weightsFromNeighbours(nb, { ids })
      const gi = getisOrdGiStar(x, w, { permutations: 99, seed: 42 })
      const lm = localMoran(x, w, { permutations: 99, seed: 42 })
      api.rows.forEach((r: any, i: number) => {
        expect(r.code).toBe(ids[i])
        expect(r.gi_z).toBeCloseTo(gi[i].z as number, 12)
        expect(r.gi_p).toBe(gi[i].pSim)
        expect(r.gi_class).toBe(gi[i].cls)
        expect(r.moran_i).toBeCloseTo(lm[i].I as number, 12)
        expect(r.lisa_p).toBe(lm[i].pSim)
      })
      const other = (await getJson(ctx.app, path.replace('seed=42', 'seed=43'))).body
      expect(other.rows.map((r: any) => r.gi_z)).toEqual(api.rows.map((r: any) => r.gi_z))
      expect(other.rows.map((r: any) => r.gi_p)).not.toEqual(api.rows.map((r: any) => r.gi_p))
    })

    it('accepts the Empirical-Bayes rate and works on villages', async () => {
      const { status, body } = await getJson(
        ctx.app,
        `/api/stats/hotspots?level=village&metric=incident_rate_eb&${PERIOD}&permutations=99`,
      )
      expect(status).toBe(200)
      expect(body.rows.length).toBeGreaterThan(1500)
      expect(body.method.metric).toMatch(/Empirical Bayes/)
      expect(body.method.seed).toBe(1)
    })

    it('leaves units without a value out and reports them with null statistics', async () => {
      // evaluation_compliance is null where a unit has no active model
      const { body } = await getJson(
        ctx.app,
        `/api/stats/hotspots?level=village&metric=evaluation_compliance&${PERIOD}&permutations=0`,
      )
      const empty = body.rows.filter((r: any) => r.value === null)
      expect(empty.length).toBeGreaterThan(0)
      expect(body.counts.no_data).toBe(empty.length)
      for (const r of empty)
        expect([r.gi_z, r.gi_class, r.moran_i, r.lisa_quadrant, r.lisa_p]).toEqual([
          null,
          null,
          null,
          null,
          null,
        ])
      expect(body.method.no_data).toMatch(/left out/)
    })
  })

  describe('classification', () => {
    it.each(['quantile', 'equal', 'jenks', 'stddev'] as const)(
      'gives the breaks of the analysis package (%s)',
      async (method) => {
        const metrics = (await getJson(ctx.app, `/api/metrics?level=commune&${PERIOD}`)).body
        const values = metrics.rows.map((r: any) => r.incident_rate_per_1000)
        const { status, body } = await getJson(
          ctx.app,
          `/api/stats/classify?level=commune&metric=incident_rate_per_1000&${PERIOD}&method=${method}&k=5`,
        )
        expect(status).toBe(200)
        const breaks = classBreaks(values, method, 5)
        expect(body.breaks).toEqual(breaks)
        expect(body.counts).toEqual(classCounts(values, breaks))
        expect(body.breaks.at(-1)).toBe(Math.max(...values))
        expect(body.no_data).toBe(0)
      },
    )

    it('takes manual breaks and counts units without data', async () => {
      const { body } = await getJson(
        ctx.app,
        `/api/stats/classify?level=village&metric=effective_share&${PERIOD}&method=manual&breaks=0.25,0.5,0.75,1`,
      )
      expect(body.breaks).toEqual([0.25, 0.5, 0.75, 1])
      expect(body.counts.reduce((a: number, b: number) => a + b, 0) + body.no_data).toBe(
        body.n + body.no_data,
      )
      expect(body.no_data).toBeGreaterThan(0)
    })
  })

  describe('rates', () => {
    it('gives raw and Empirical-Bayes rates per 1,000 residents per year with small units flagged', async () => {
      const { status, body } = await getJson(ctx.app, `/api/stats/rates?level=village&${PERIOD}`)
      expect(status).toBe(200)
      // Exposure in person-years: annualising after the estimate is the same as estimating on person-years.
      const years =
        (Date.parse(body.period.to) - Date.parse(body.period.from) + 86_400_000) / 86_400_000 / 365.25
      const eb = empiricalBayesRates(
        body.rows.map((r: any) => r.incidents),
        body.rows.map((r: any) => r.population * years),
        { per: 1000 },
      )
      expect(body.global_rate).toBeCloseTo(eb.globalRate, 10)
      body.rows.forEach((r: any, i: number) => {
        expect(r.rate_raw).toBeCloseTo(eb.units[i].raw as number, 10)
        expect(r.rate_eb).toBeCloseTo(eb.units[i].smoothed, 10)
        expect(r.flagged).toBe(r.population < 500 || r.incidents < 5)
      })
      expect(body.rows.some((r: any) => r.flagged)).toBe(true)
      expect(body.method.smoothed).toMatch(/Marshall 1991/)
    })

    it('matches the raw rate of /api/metrics for the same period and categories', async () => {
      const q = `level=commune&${PERIOD}&categories=drugs,theft`
      const rates = (await getJson(ctx.app, `/api/stats/rates?${q}`)).body
      const metrics = (await getJson(ctx.app, `/api/metrics?${q}`)).body
      expect(rates.rows.map((r: any) => r.incidents)).toEqual(metrics.rows.map((r: any) => r.incidents))
      rates.rows.forEach((r: any, i: number) => {
        expect(r.rate_raw).toBeCloseTo(metrics.rows[i].incident_rate_per_1000, 10)
      })
    })
  })

  describe('coverage standards', () => {
    it('lists the standard set per area class, border needing a border-line group and a security team', async () => {
      const { status, body } = await getJson(ctx.app, '/api/stats/standards')
      expect(status).toBe(200)
      const border = body.standards.find((s: any) => s.class_code === 'border')
      expect(border.types.map((t: any) => t.code).sort()).toEqual(['to_bao_ve_antt', 'tu_quan_duong_bien'])
      expect(border.name_vi).toBe('Biên giới')
    })

    it('gives standard-set coverage per commune, exemplary models and their replicas', async () => {
      const { status, body } = await getJson(ctx.app, `/api/stats/coverage?level=commune&${PERIOD}`)
      expect(status).toBe(200)
      expect(body.rows).toHaveLength(99)
      for (const r of body.rows) {
        expect(r.standard.villages_meeting).toBeLessThanOrEqual(r.standard.villages)
        if (r.standard.villages > 0)
          expect(r.standard.coverage).toBeCloseTo(r.standard.villages_meeting / r.standard.villages, 12)
        else expect(r.standard.coverage).toBeNull()
        for (const c of r.standard.by_class)
          expect(c.villages_meeting).toBeGreaterThanOrEqual(r.standard.villages_meeting)
      }
      const border = body.rows.filter((r: any) => r.area_classes.includes('border'))
      expect(border.length).toBeGreaterThan(0)
      for (const r of border)
        expect(r.standard.required_types).toEqual(
          expect.arrayContaining(['to_bao_ve_antt', 'tu_quan_duong_bien']),
        )
      expect(body.exemplary_models.length).toBeGreaterThan(0)
      const replicated = body.exemplary_models.find((e: any) => e.replicas.length > 0)
      expect(replicated.replicas[0]).toMatchObject({
        id: expect.any(String),
        commune_code: expect.stringMatching(/^\d{5}$/),
      })
      const made = body.rows.reduce((s: number, r: any) => s + r.exemplary.replicas_made, 0)
      expect(made).toBeGreaterThan(0)
      expect(body.totals.standard_coverage).toBeGreaterThan(0)
    })

    it('lists individual exemplary models only to callers who may read records', async () => {
      const viewer = await signIn(ctx.raw, 'viewer')
      const { status, body } = await getJson(viewer, `/api/stats/coverage?level=commune&${PERIOD}`)
      expect(status).toBe(200)
      expect(body.exemplary_models).toBeNull()
      expect(body.rows.some((r: any) => r.exemplary.models > 0)).toBe(true)
    })

    it('counts a village as meeting the standard only with every required type', async () => {
      const { body } = await getJson(ctx.app, `/api/stats/coverage?level=village&${PERIOD}&commune=02647`)
      expect(body.rows.length).toBeGreaterThan(0)
      for (const r of body.rows) {
        const lacking = Object.values(r.standard.lacking as Record<string, number>).some((n) => n > 0)
        if (r.standard.villages === 1) expect(r.standard.villages_meeting).toBe(lacking ? 0 : 1)
      }
    })
  })

  describe('validation', () => {
    it.each([
      ['/api/stats/hotspots?metric=nonsense', 'metric'],
      ['/api/stats/hotspots', 'metric'],
      ['/api/stats/hotspots?metric=incidents&permutations=10000', 'permutations'],
      ['/api/stats/hotspots?metric=incidents&permutations=-1', 'permutations'],
      ['/api/stats/hotspots?metric=incidents&seed=1.5', 'seed'],
      ['/api/stats/hotspots?metric=incidents&seed=abc', 'seed'],
      ['/api/stats/hotspots?metric=incidents&from=2026-01-01&to=2025-01-01', 'from'],
      ['/api/stats/hotspots?metric=incidents&to=2025-02-30', 'to'],
      ['/api/stats/hotspots?metric=incidents&level=district', 'level'],
      ['/api/stats/hotspots?metric=incidents&categories=nope', 'categories'],
      ['/api/stats/classify?metric=incidents&k=10', 'k'],
      ['/api/stats/classify?metric=incidents&k=1', 'k'],
      ['/api/stats/classify?metric=bogus&k=5', 'metric'],
      ['/api/stats/classify?metric=incidents&method=natural', 'method'],
      ['/api/stats/classify?metric=incidents&method=manual', 'breaks'],
      ['/api/stats/classify?metric=incidents&method=manual&breaks=3,2', 'breaks'],
      ['/api/stats/classify?metric=incidents&method=manual&breaks=1,x', 'breaks'],
      ['/api/stats/classify?metric=incidents&method=jenks&breaks=1,2', 'breaks'],
      ['/api/stats/rates?min_count=-3', 'min_count'],
      ['/api/stats/rates?types=camera_an_ninh', 'types'],
      ['/api/stats/rates?commune=99999', 'commune'],
      ['/api/stats/coverage?commune=123', 'commune'],
      ['/api/stats/neighbors?level=province', 'level'],
    ])('rejects %s naming %s', async (path, field) => {
      expectRejected(await getJson(ctx.app, path), field)
    })
  })
})
