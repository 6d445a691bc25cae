import { describe, expect, it } from 'vitest'
import { createFormatter } from '../i18n/format.ts'
import { translate } from '../i18n/index.ts'
import { buildClassScale, colorOf, intervalLabels, noDataLabel, parseBreaks } from './class-scale.ts'

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

  it('closes the first class and half-opens the others, in Vietnamese number format', () => {
    expect(intervalLabels({ breaks: [1.5, 3, 10.25], min: 0.5 }, (v) => vi.number(v, 2))).toEqual([
      '[0,5 – 1,5]',
      '(1,5 – 3]',
      '(3 – 10,25]',
    ])
  })

  it('writes the first class as an upper bound when the data start above it', () => {
    expect(intervalLabels({ breaks: [1, 2], min: 1.5 }, String)).toEqual(['≤ 1', '(1 – 2]'])
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
