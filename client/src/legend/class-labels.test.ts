import { describe, expect, it } from 'vitest'
import { createFormatter } from '../i18n/format.ts'
import { translate } from '../i18n/index.ts'
import { buildClassScale } from '../map/class-scale.ts'
import { formatSigma, intervalLabels, noDataLabel } from './class-labels.ts'

const values = [1, 2, 2, 3, 4, 5, 6, 8, 9, 10, null, null]

describe('no-data label', () => {
  it('labels the no-data class as withheld when small counts were suppressed, and only then', () => {
    const t = {
      t: (k: Parameters<typeof translate>[1], p?: Record<string, string | number>) => translate('vi', k, p),
    }
    const plain = buildClassScale(values, { method: 'quantile', k: 4, palette: 'YlOrRd' })
    expect(plain.suppressed).toBe(0)
    expect(noDataLabel(t, plain)).toBe('Không có số liệu')
    const withheld = buildClassScale(values, { method: 'quantile', k: 4, palette: 'YlOrRd', suppressed: 5 })
    expect(withheld.suppressed).toBe(2) // never more than the units without a value
    expect(noDataLabel(t, withheld)).toBe('Không có số liệu, hoặc dưới 3 vụ (ẩn)')
  })
})

describe('legend interval labels', () => {
  const vi = createFormatter('vi')

  it('runs the first class from the minimum and the others from above the previous bound, in Vietnamese', () => {
    expect(intervalLabels({ breaks: [1.5, 3, 10.25], min: 0.5 }, (v) => vi.number(v, 2))).toEqual([
      '0,5 – 1,5',
      '> 1,5 – 3',
      '> 3 – 10,25',
    ])
  })

  it('writes a class of one value as that value, not as an interval from it to itself', () => {
    expect(intervalLabels({ breaks: [0, 1], min: 0 }, (v) => vi.percent(v, 0))).toEqual(['0%', '> 0% – 100%'])
  })

  it('writes the first class as an upper bound when the data start above it', () => {
    expect(intervalLabels({ breaks: [1, 2], min: 1.5 }, String)).toEqual(['≤ 1', '> 1 – 2'])
  })

  it('labels standard-deviation classes in σ from the mean', () => {
    const values = Array.from({ length: 101 }, (_, i) => i)
    const s = buildClassScale(values, { method: 'stddev', k: 5, palette: 'YlOrRd', higherIsBetter: false })
    expect(s.sigma?.mean).toBe(50)
    const labels = intervalLabels(s, String, (z) => formatSigma(z, vi.number))
    expect(labels).toEqual(['< −1,5 σ', '−1,5 σ – −0,5 σ', '−0,5 σ – +0,5 σ', '+0,5 σ – +1,5 σ', '> +1,5 σ'])
  })
})
