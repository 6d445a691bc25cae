import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import { describe, expect, it } from 'vitest'
import { backends, expectCommuneRows, expectRejected, getJson, useApp } from '../testing.ts'

const PERIOD = 'from=2025-07-01&to=2026-06-30'
const COMPONENTS = Object.keys(DEFAULT_PRIORITY_WEIGHTS)

describe.each(backends())('priority scores on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('ranks the 99 communes with scores 0–100 whose contributions add up to the score', async () => {
    const answer = await getJson(ctx.app, `/api/priorities?level=commune&${PERIOD}`)
    const rows = expectCommuneRows(answer, ['code', 'name', 'score', 'rank', 'contributions', 'values'])
    const { body } = answer
    expect(body.weights).toEqual(DEFAULT_PRIORITY_WEIGHTS)
    expect(body.previous_period).toEqual({ from: '2024-07-01', to: '2025-06-30' })
    let lastScore = Number.POSITIVE_INFINITY
    rows.forEach((r: any, i: number) => {
      expect(r.score).toBeGreaterThanOrEqual(0)
      expect(r.score).toBeLessThanOrEqual(100)
      const sum = Object.values(r.contributions as Record<string, number>).reduce((a, b) => a + b, 0)
      expect(sum).toBeCloseTo(r.score, 9)
      expect(r.need + r.lack_of_coverage).toBeCloseTo(r.score, 9)
      expect(Object.keys(r.contributions).sort()).toEqual([...COMPONENTS].sort())
      expect(r.score).toBeLessThanOrEqual(lastScore)
      lastScore = r.score
      expect(r.rank).toBeLessThanOrEqual(i + 1)
      for (const v of Object.values(r.components)) if (v !== null) expect(v).toBeGreaterThanOrEqual(0)
    })
    expect(body.rows[0].rank).toBe(1)
    expect(body.method.components.trend).toMatch(/lower 95 % confidence bound/)
    expect(body.method.components.incident_rate_eb).toMatch(/percentile rank/)
  })

  it('gives a border commune its border points and a non-border commune none', async () => {
    const { body } = await getJson(ctx.app, `/api/priorities?level=commune&${PERIOD}`)
    const border = body.rows.find((r: any) => r.values.is_border)
    const inland = body.rows.find((r: any) => !r.values.is_border)
    expect(border.components.border).toBe(1)
    expect(border.contributions.border).toBeGreaterThan(0)
    expect(inland.contributions.border).toBe(0)
  })

  it('uses the weights given, shows them and drops components weighted zero', async () => {
    const { body } = await getJson(
      ctx.app,
      `/api/priorities?level=commune&${PERIOD}&w_incident_rate_eb=1&w_hotspot_z=0&w_border=0&w_strategic=0&w_trend=0&w_village_coverage_gap=1&w_effective_gap=0&w_evaluation_gap=0&w_models_per_1000_gap=0`,
    )
    expect(body.weights.incident_rate_eb).toBe(1)
    expect(body.weights_normalised).toMatchObject({
      incident_rate_eb: 0.5,
      village_coverage_gap: 0.5,
      border: 0,
    })
    for (const r of body.rows) {
      expect(Object.keys(r.contributions).sort()).toEqual(['incident_rate_eb', 'village_coverage_gap'])
      const expected =
        r.missing.length === 0
          ? 50 * r.components.incident_rate_eb + 50 * r.components.village_coverage_gap
          : r.score
      expect(r.score).toBeCloseTo(expected, 9)
    }
  })

  it('scores villages too, with the contributions still adding up', async () => {
    const { status, body } = await getJson(
      ctx.app,
      `/api/priorities?level=village&${PERIOD}&normalise=minmax`,
    )
    expect(status).toBe(200)
    expect(body.rows.length).toBeGreaterThan(1500)
    expect(body.normalise).toBe('minmax')
    for (const r of body.rows.slice(0, 200)) {
      const sum = Object.values(r.contributions as Record<string, number>).reduce((a, b) => a + b, 0)
      expect(sum).toBeCloseTo(r.score, 9)
    }
  })

  it('scores a unit the same with and without a display filter, and ranks it inside the filter too', async () => {
    const all = (await getJson(ctx.app, `/api/priorities?level=commune&${PERIOD}`)).body
    const { status, body } = await getJson(ctx.app, `/api/priorities?level=commune&${PERIOD}&classes=border`)
    expect(status).toBe(200)
    const border = all.rows.filter((r: any) => r.values.is_border)
    expect(body.rows.map((r: any) => r.code)).toEqual(border.map((r: any) => r.code))
    expect(body.scope_units).toBe(99)
    expect(body.filter_units).toBe(border.length)
    expect(body.filters.classes).toEqual(['border'])
    const byCode = new Map(all.rows.map((r: any) => [r.code, r]))
    body.rows.forEach((r: any, i: number) => {
      const whole = byCode.get(r.code) as any
      expect(r.score).toBe(whole.score)
      expect(r.rank).toBe(whole.rank)
      expect(r.contributions).toEqual(whole.contributions)
      expect(r.filter_rank).toBeLessThanOrEqual(i + 1)
      expect(r.filter_rank).toBeLessThanOrEqual(r.rank)
    })
    expect(body.rows[0].filter_rank).toBe(1)
    expect(body.rows.at(-1).filter_rank).toBeGreaterThan(body.rows.length / 2)
  })

  it('scores the villages of one commune among all the villages of the province', async () => {
    const commune = '02647'
    const all = (await getJson(ctx.app, `/api/priorities?level=village&${PERIOD}`)).body
    const { body } = await getJson(ctx.app, `/api/priorities?level=village&${PERIOD}&commune=${commune}`)
    expect(body.rows.length).toBeGreaterThan(0)
    expect(body.rows.every((r: any) => r.commune_code === commune)).toBe(true)
    expect(body.scope_units).toBe(all.rows.length)
    const byCode = new Map(all.rows.map((r: any) => [r.code, r]))
    for (const r of body.rows) {
      expect(r.score).toBe((byCode.get(r.code) as any).score)
      expect(r.rank).toBe((byCode.get(r.code) as any).rank)
    }
  })

  it.each([
    ['w_border=-1', 'w_border'],
    ['w_trend=abc', 'w_trend'],
    ['w_zzz=1', 'w_zzz'],
    [COMPONENTS.map((k) => `w_${k}=0`).join('&'), 'weights'],
    ['normalise=zscore', 'normalise'],
    ['from=2026-01-01&to=2025-01-01', 'from'],
    ['level=province', 'level'],
  ])('rejects %s naming %s', async (qs, field) => {
    expectRejected(await getJson(ctx.app, `/api/priorities?${qs}`), field)
  })
})
