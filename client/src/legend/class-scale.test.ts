import { describe, expect, it } from 'vitest'
import { createFormatter } from '../i18n/format.ts'
import { translate } from '../i18n/index.ts'
import {
  buildClassScale,
  colorOf,
  formatSigma,
  intervalLabels,
  noDataLabel,
  parseBreaks,
} from './class-scale.ts'

const values = [1, 2, 2, 3, 4, 5, 6, 8, 9, 10, null, null]

describe('class scale', () => {
  it('counts every unit with data in exactly one class and the rest as no data', () => {
    for (const method of ['quantile', 'equal', 'jenks', 'stddev'] as const) {
      const s = buildClassScale(values, { method, k: 4, palette: 'YlOrRd' })
      expect(
        s.counts.reduce((a, b) => a + b, 0),
        method,
      ).toBe(10)
      expect(s.noData).toBe(2)
      expect(s.colors).toHaveLength(s.breaks.length)
    }
  })

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

  it('keeps locked breaks whatever the data', () => {
    const s = buildClassScale([0.5, 0.7], {
      method: 'quantile',
      k: 3,
      palette: 'Blues',
      breaks: [1, 5, 20],
      locked: true,
    })
    expect(s.breaks).toEqual([1, 5, 20])
    expect(s.counts).toEqual([2, 0, 0])
    expect(s.locked).toBe(true)
  })

  it('gives no colour to missing values', () => {
    const s = buildClassScale(values, { method: 'equal', k: 3, palette: 'Greens' })
    expect(colorOf(s, null)).toBeNull()
    expect(colorOf(s, 1)).toBe(s.colors[0])
    expect(colorOf(s, 10)).toBe(s.colors[2])
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

describe('standard-deviation colours', () => {
  it('diverge around the mean: neutral in the middle, red on the bad side', () => {
    const values = Array.from({ length: 101 }, (_, i) => i)
    const worse = buildClassScale(values, {
      method: 'stddev',
      k: 5,
      palette: 'YlOrRd',
      higherIsBetter: false,
    })
    expect(worse.colors).toEqual(['#0571b0', '#92c5de', '#f7f7f7', '#f4a582', '#ca0020'])
    const better = buildClassScale(values, {
      method: 'stddev',
      k: 5,
      palette: 'YlGnBu',
      higherIsBetter: true,
    })
    expect(better.colors[0]).toBe('#ca0020')
  })

  it('keeps the class around the mean neutral when the low classes are empty and dropped', () => {
    // skewed: nothing below mean − 1.5 sd, so the first bound is dropped
    const values = [10, 10, 10, 10, 10, 10, 10, 10, 11, 40]
    const s = buildClassScale(values, { method: 'stddev', k: 5, palette: 'YlOrRd', higherIsBetter: false })
    const m = s.sigma!.mean
    const mid = s.breaks.findIndex((b, i) => b >= m && (i === 0 || s.breaks[i - 1] < m))
    expect(s.colors[mid]).toBe('#f7f7f7')
  })
})

describe('manual breaks typed by the user', () => {
  it('reads Vietnamese decimal commas', () => {
    expect(parseBreaks('0,5; 1; 2,5', 'vi')).toEqual([0.5, 1, 2.5])
  })
  it('reads English decimal points', () => {
    expect(parseBreaks('0.5; 1; 1,000', 'en')).toEqual([0.5, 1, 1000])
  })
  it('rejects breaks that do not ascend', () => {
    expect(parseBreaks('3; 2', 'en')).toBeNull()
    expect(parseBreaks('a; b', 'en')).toBeNull()
  })
})
