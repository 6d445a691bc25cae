import {
  type EmergingBin,
  emergingCategory,
  getisOrdGiStar,
  mannKendall,
  weightsFromNeighbours,
} from '@antt/analysis'
import { describe, expect, it } from 'vitest'
import { backends, getJson, signIn, useApp } from '../testing.ts'

const TWO_YEARS = 'from=2024-07-01&to=2026-06-30'
const ANALYTICAL = `level=commune&${TWO_YEARS}&permutations=0`

describe.each(backends())('emerging hot spots on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('cuts two years into 24 months and gives every commune a series of 24 steps', async () => {
    const { status, body } = await getJson(ctx.app, `/api/stats/emerging?${ANALYTICAL}`)
    expect(status).toBe(200)
    expect(body.steps).toHaveLength(24)
    expect(body.steps[0]).toBe('2024-07')
    expect(body.steps[23]).toBe('2026-06')
    expect(body.period).toEqual({ from: '2024-07-01', to: '2026-06-30' })
    expect(body.rows).toHaveLength(99)
    for (const r of body.rows) expect(r.series.map((s: any) => s.step)).toEqual(body.steps)
    expect(body.counts.units).toBe(99)
  })

  it('counts incidents per unit and month as the incident table does', async () => {
    const { body } = await getJson(ctx.app, `/api/stats/emerging?${ANALYTICAL}`)
    const [row] = await ctx.db.query<{ n: number }>(
      `select count(*)::int as n from incident
       where commune_code = '02647' and occurred_on between '2025-03-01' and '2025-03-31'`,
    )
    const unit = body.rows.find((r: any) => r.code === '02647')
    expect(unit.series.find((s: any) => s.step === '2025-03').value).toBe(row.n)
  })

  it('gives each step the Gi* of the hot-spot map on the same neighbours', async () => {
    const { body } = await getJson(ctx.app, `/api/stats/emerging?${ANALYTICAL}`)
    const nb = (await getJson(ctx.app, '/api/stats/neighbors?level=commune')).body
    const ids: string[] = body.rows.map((r: any) => r.code)
    const w = weightsFromNeighbours(nb, { ids })
    for (const t of [0, 11, 23]) {
      const gi = getisOrdGiStar(
        body.rows.map((r: any) => r.series[t].value),
        w,
        { permutations: 0, pValue: 'analytical' },
      )
      body.rows.forEach((r: any, i: number) => {
        expect(r.series[t].gi_z).toBeCloseTo(gi[i].z as number, 10)
        expect(r.series[t].gi_p).toBeCloseTo(gi[i].p as number, 10)
      })
    }
  })

  it("marks hot and cold bins at 90 % and derives the trend and category from the unit's own series", async () => {
    const { body } = await getJson(ctx.app, `/api/stats/emerging?${ANALYTICAL}`)
    let significant = 0
    for (const r of body.rows) {
      for (const s of r.series) {
        const want = s.gi_p !== null && s.gi_p < 0.1 ? s.gi_z > 0 : null
        expect(s.hot).toBe(want)
        if (s.hot !== null) significant++
      }
      const mk = mannKendall(r.series.map((s: any) => s.gi_z))
      expect(r.trend_z).toBeCloseTo(mk.z as number, 12)
      expect(r.trend_p).toBeCloseTo(mk.p as number, 12)
      const bins: EmergingBin[] = r.series.map((s: any) => s.hot)
      expect(r.category).toBe(emergingCategory(bins, { z: r.trend_z, p: r.trend_p }))
    }
    expect(significant).toBeGreaterThan(0)
    // the demo data has lasting hot spots around the towns
    expect(body.rows.some((r: any) => r.category !== 'no-pattern')).toBe(true)
  })

  it('labels quarters and widens the period to whole quarters', async () => {
    const { status, body } = await getJson(
      ctx.app,
      '/api/stats/emerging?level=commune&from=2025-02-15&to=2026-05-10&step=quarter&permutations=0',
    )
    expect(status).toBe(200)
    expect(body.steps).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'])
    expect(body.period).toEqual({ from: '2025-01-01', to: '2026-06-30' })
  })

  it('runs on villages with permutation p-values and flags units with too few incidents', async () => {
    const { status, body } = await getJson(
      ctx.app,
      '/api/stats/emerging?level=village&from=2025-07-01&to=2026-06-30&step=quarter&permutations=99',
    )
    expect(status).toBe(200)
    expect(body.rows.length).toBeGreaterThan(1500)
    expect(body.counts.low_counts).toBeGreaterThan(0)
    expect(body.counts.low_counts).toBe(body.rows.filter((r: any) => r.low_counts).length)
    for (const r of body.rows.filter((x: any) => x.low_counts).slice(0, 50)) {
      // the test flag is about the neighbourhood, so a unit flagged has few incidents itself
      const own = r.series.reduce((a: number, s: any) => a + s.value, 0)
      expect(own).toBeLessThan(body.steps.length)
    }
  })

  it.each([
    ['step=week', 'step'],
    ['metric=models', 'metric'],
    ['from=2026-04-01&to=2026-06-30', 'from'],
    ['from=2025-01-01&to=2026-06-30&step=quarter&level=district', 'level'],
    ['from=2026-06-30&to=2026-01-01', 'from'],
    ['categories=nonsense', 'categories'],
    ['permutations=-1', 'permutations'],
  ])('answers 400 naming the field for %s', async (q, field) => {
    const { status, body } = await getJson(ctx.app, `/api/stats/emerging?${q}`)
    expect(status).toBe(400)
    expect(body.error.details[0].field).toBe(field)
  })

  it('needs at least four steps: three months are refused, four accepted', async () => {
    const three = await getJson(ctx.app, '/api/stats/emerging?from=2026-04-01&to=2026-06-30&permutations=0')
    expect(three.body.error.message).toMatch(/3 month steps; at least 4/)
    const four = await getJson(ctx.app, '/api/stats/emerging?from=2026-03-01&to=2026-06-30&permutations=0')
    expect(four.status).toBe(200)
    expect(four.body.steps).toHaveLength(4)
  })

  it('withholds from an aggregate-only role each withheld count of a step and every statistic built on it', async () => {
    const q = '/api/stats/emerging?level=village&from=2025-07-01&to=2026-06-30&step=quarter&permutations=0'
    const full = (await getJson(ctx.app, q)).body
    const nb = (await getJson(ctx.app, '/api/stats/neighbors?level=village')).body
    for (const role of ['briefer', 'viewer'] as const) {
      const app = await signIn(ctx.raw, role)
      const { body } = await getJson(app, q)
      let small = 0
      body.rows.forEach((r: any, i: number) => {
        r.series.forEach((s: any, t: number) => {
          const original = full.rows[i].series[t].value
          if (original === 1 || original === 2) small++
          if (s.value === null) {
            expect(s.suppressed).toBe(true)
            expect([s.gi_z, s.gi_p, s.hot]).toEqual([null, null, null])
          } else {
            expect(s.value).toBe(original)
            expect(s.value === 0 || s.value >= 3).toBe(true)
          }
        })
      })
      expect(small).toBeGreaterThan(0)
      for (const [t, step] of body.steps.entries()) {
        // the same units as /api/metrics withholds for the quarter (secondary suppressions included)
        const [year, quarter] = step.split('-Q').map(Number)
        const from = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`
        const to = new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10)
        const metrics = (await getJson(app, `/api/metrics?level=village&from=${from}&to=${to}`)).body
        const held = new Set(metrics.rows.filter((m: any) => m.incidents === null).map((m: any) => m.code))
        const withheld = new Set(
          body.rows.filter((r: any) => r.series[t].value === null).map((r: any) => r.code),
        )
        expect(withheld).toEqual(held)
        // Gi* of the published counts alone, on the neighbours among them: nothing of a withheld count enters
        const shown = body.rows.filter((r: any) => r.series[t].value !== null)
        const gi = getisOrdGiStar(
          shown.map((r: any) => r.series[t].value),
          weightsFromNeighbours(nb, { ids: shown.map((r: any) => r.code) }),
          { permutations: 0, pValue: 'analytical' },
        )
        shown.forEach((r: any, k: number) => {
          if (gi[k].z === null) expect(r.series[t].gi_z).toBeNull()
          else expect(r.series[t].gi_z).toBeCloseTo(gi[k].z, 10)
        })
      }
    }
  })

  it("keeps a steward to the villages of the steward's commune", async () => {
    const steward = await signIn(ctx.raw, 'steward')
    const { status, body } = await getJson(
      steward,
      '/api/stats/emerging?level=village&from=2025-07-01&to=2026-06-30&step=quarter&permutations=0',
    )
    expect(status).toBe(200)
    expect(body.rows.length).toBeGreaterThan(0)
    for (const r of body.rows) expect(r.code.slice(0, 5)).toBe('02647')
  })
})
