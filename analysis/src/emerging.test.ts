import { describe, expect, it } from 'vitest'
import { EMERGING_CATEGORIES, type EmergingBin, emergingCategory, emergingHotSpot } from './emerging.ts'

const H = true
const C = false
const _ = null
const noTrend = { z: 0.2, p: 0.84 }
const rising = { z: 2.5, p: 0.012 }
const falling = { z: -2.5, p: 0.012 }

/** The series with hot and cold swapped. */
const mirror = (bins: EmergingBin[]) => bins.map((b) => (b === null ? null : !b))
const flip = (t: { z: number; p: number }) => ({ z: -t.z, p: t.p })

const cases: Array<[string, EmergingBin[], { z: number; p: number }]> = [
  ['new-hot-spot', [_, _, _, _, _, _, _, H], noTrend],
  ['consecutive-hot-spot', [_, _, _, _, _, H, H, H], rising],
  ['intensifying-hot-spot', [H, H, H, H, H, H, H, H, H, H], rising],
  ['persistent-hot-spot', [H, H, H, H, _, H, H, H, H, H], noTrend],
  ['diminishing-hot-spot', [H, H, H, H, H, H, H, H, H, H], falling],
  ['sporadic-hot-spot', [_, H, _, _, H, _, _, H], noTrend],
  ['oscillating-hot-spot', [_, C, C, _, H, _, _, H], noTrend],
  ['historical-hot-spot', [H, H, H, H, H, H, H, H, H, H, _], falling],
  ['no-pattern', [_, H, H, _, _, _, _, _], noTrend],
]

describe('emergingCategory', () => {
  for (const [want, bins, trend] of cases) {
    it(`classifies ${bins.map((b) => (b === null ? '·' : b ? 'H' : 'C')).join('')} as ${want}`, () => {
      expect(emergingCategory(bins, trend)).toBe(want)
    })
    if (want === 'no-pattern') continue
    const cold = want.replace('hot-spot', 'cold-spot')
    it(`classifies the mirrored series as ${cold}`, () => {
      expect(emergingCategory(mirror(bins), flip(trend))).toBe(cold)
    })
  }

  it('names every category it can produce in EMERGING_CATEGORIES', () => {
    const produced = new Set(cases.flatMap(([want]) => [want, want.replace('hot-spot', 'cold-spot')]))
    expect([...produced].sort()).toEqual([...EMERGING_CATEGORIES].sort())
  })

  it('takes an insignificant trend as no trend', () => {
    const bins: EmergingBin[] = Array(10).fill(H)
    expect(emergingCategory(bins, { z: 1.5, p: 0.13 })).toBe('persistent-hot-spot')
    expect(emergingCategory(bins, { z: 1.5, p: 0.13 }, 0.2)).toBe('intensifying-hot-spot')
  })

  it('gives no pattern to a location that was never significant', () => {
    expect(emergingCategory([_, _, _, _, _], noTrend)).toBe('no-pattern')
  })

  it('counts 90 % of the steps, not 90 % of the significant ones', () => {
    // 8 of 10 hot, final hot, hot bins interrupted: sporadic, not persistent
    expect(emergingCategory([H, H, _, H, H, H, _, H, H, H], noTrend)).toBe('sporadic-hot-spot')
    // 9 of 10 hot with the gap in the middle: persistent
    expect(emergingCategory([H, H, H, H, _, H, H, H, H, H], noTrend)).toBe('persistent-hot-spot')
  })
})

describe('emergingHotSpot', () => {
  it('runs Mann–Kendall on the z-scores and classifies a steadily heating location as intensifying', () => {
    const z = [1.8, 2.0, 2.1, 2.4, 2.6, 2.9, 3.1, 3.3, 3.6, 4.0]
    const res = emergingHotSpot(z, Array(10).fill(H))
    expect(res.category).toBe('intensifying-hot-spot')
    // S = 45, Var = 10·9·25/18 = 125: Z = 44/√125
    expect(res.trendZ).toBeCloseTo(44 / Math.sqrt(125), 12)
  })

  it('classifies a cooling cold spot as intensifying cold', () => {
    const z = [-1.7, -1.9, -2.2, -2.3, -2.8, -3.0]
    expect(emergingHotSpot(z, Array(6).fill(C)).category).toBe('intensifying-cold-spot')
  })
})
