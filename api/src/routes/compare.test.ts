import { compareRates } from '@antt/analysis'
import { describe, expect, it } from 'vitest'
import { backends, expectCommuneRows, expectRejected, getJson, useApp } from '../testing.ts'

const PERIODS = 'a_from=2024-07-01&a_to=2025-06-30&b_from=2025-07-01&b_to=2026-06-30'

describe.each(backends())('period comparison on the %s database', (backend) => {
  const ctx = useApp(backend)

  it('returns counts, rates, rate ratios, exact p-values and change classes per commune', async () => {
    const answer = await getJson(ctx.app, `/api/compare?level=commune&${PERIODS}`)
    const rows = expectCommuneRows(answer, [
      'code',
      'count_a',
      'count_b',
      'rate_a',
      'rate_b',
      'rate_ratio',
      'ci_lower',
      'ci_upper',
      'p_value',
      'change_class',
    ])
    const { body } = answer
    expect(body.a).toEqual({ from: '2024-07-01', to: '2025-06-30', days: 365 })
    for (const r of rows) {
      expect(['rise', 'fall', 'no-change']).toContain(r.change_class)
      if (r.change_class !== 'no-change') expect(r.p_value).toBeLessThan(0.05)
      if (r.change_class === 'rise') expect(r.count_b).toBeGreaterThan(r.count_a)
    }
    expect(body.totals.count_a).toBe(body.rows.reduce((s: number, r: any) => s + r.count_a, 0))
    expect(body.totals.count_b).toBe(body.rows.reduce((s: number, r: any) => s + r.count_b, 0))
    expect(body.method.test).toMatch(/conditional binomial/)
  })

  it('agrees with analysis/compareRates for the same counts', async () => {
    const { body } = await getJson(ctx.app, `/api/compare?level=village&${PERIODS}&categories=drugs`)
    for (const r of body.rows.filter((x: any) => x.population > 0)) {
      const c = compareRates({ a: r.count_a, b: r.count_b, ea: r.population * 365, eb: r.population * 365 })
      expect(r.p_value).toBeCloseTo(c.pValue, 12)
      expect(r.change_class).toBe(c.change)
      if (Number.isFinite(c.rateRatio)) expect(r.rate_ratio).toBeCloseTo(c.rateRatio, 12)
      else expect(r.rate_ratio).toBeNull()
    }
    const total = compareRates({ a: body.totals.count_a, b: body.totals.count_b, ea: 1, eb: 1 })
    expect(body.totals.p_value).toBeCloseTo(total.pValue, 12)
  })

  it('counts period B as /api/metrics counts incidents for the same period', async () => {
    const cmp = (await getJson(ctx.app, `/api/compare?level=commune&${PERIODS}&categories=theft`)).body
    const m = (
      await getJson(ctx.app, '/api/metrics?level=commune&from=2025-07-01&to=2026-06-30&categories=theft')
    ).body
    expect(cmp.rows.map((r: any) => r.count_b)).toEqual(m.rows.map((r: any) => r.incidents))
  })

  it('defaults to the last 12 months against the 12 months before', async () => {
    const { body } = await getJson(ctx.app, '/api/compare')
    const meta = (await getJson(ctx.app, '/api/meta')).body
    expect(body.b).toMatchObject(meta.default_period)
    expect(body.a.days).toBe(body.b.days)
    expect(new Date(body.a.to).getTime() + 86_400_000).toBe(new Date(body.b.from).getTime())
  })

  it('classes on FDR-adjusted p-values on request', async () => {
    const { body } = await getJson(ctx.app, `/api/compare?level=village&${PERIODS}&fdr=true`)
    for (const r of body.rows) {
      if (r.change_class === 'rise' || r.change_class === 'fall') expect(r.p_value_fdr).toBeLessThan(0.05)
      if (r.p_value_fdr !== null) expect(r.p_value_fdr).toBeGreaterThanOrEqual(r.p_value - 1e-12)
    }
  })

  it.each([
    ['a_from=2024-01-01', 'a_to'],
    ['b_to=2025-01-01', 'b_from'],
    ['a_from=2025-01-01&a_to=2024-01-01', 'a_from'],
    ['a_from=2025-01-01&a_to=2025-12-31&b_from=2025-06-01&b_to=2026-05-31', 'a_from'],
    ['a_from=2025-13-01&a_to=2025-12-31', 'a_from'],
    ['categories=unknown_thing', 'categories'],
    ['level=district', 'level'],
    ['commune=99999', 'commune'],
    ['fdr=maybe', 'fdr'],
  ])('rejects %s naming %s', async (qs, field) => {
    expectRejected(await getJson(ctx.app, `/api/compare?${qs}`), field)
  })
})
