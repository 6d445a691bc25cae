import { describe, expect, it } from 'vitest'
import { makeI18n } from '../i18n/index.ts'
import { defaultWeights } from '../state/priority-weights.ts'
import { defaultViewTitle, weightsViewTitle } from './view-title.ts'

describe('titles proposed for new views', () => {
  it('names the metric, the period and the place shown', () => {
    const vi = makeI18n('vi')
    expect(
      defaultViewTitle(vi, { metric: 'village_coverage', from: '2025-07-01', to: '2026-06-30', place: null }),
    ).toBe('Tỷ lệ thôn, tổ được phủ mô hình · 01/07/2025 – 30/06/2026 · Toàn tỉnh')
    expect(
      defaultViewTitle(vi, { metric: 'village_coverage', from: null, to: null, place: 'Phường Lào Cai' }),
    ).toBe('Tỷ lệ thôn, tổ được phủ mô hình · Phường Lào Cai')
  })

  it('names a kept weight set by its three heaviest parts', () => {
    const en = makeI18n('en')
    const w = { ...defaultWeights(), incident_rate_eb: 1, border: 0.5, trend: 0, hotspot_z: 0, strategic: 0 }
    const title = weightsViewTitle(en, w)
    expect(title.startsWith('Priority weights: Incident rate')).toBe(true)
    expect(title.split(',')).toHaveLength(3)
  })
})
