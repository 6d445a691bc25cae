import { describe, expect, it } from 'vitest'
import { buildClassScale, colorOf, parseBreaks } from './class-scale.ts'

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
