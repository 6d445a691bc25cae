import { describe, expect, it } from 'vitest'
import { makeI18n } from '../i18n/index.ts'
import { defaultViewTitle } from './view-title.ts'

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
})
