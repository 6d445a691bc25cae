import { describe, expect, it } from 'vitest'
import { metresPerCssPixel, niceScaleBar, representativeFraction } from './scale-bar.ts'

const plain = (v: number) => String(Number(v.toFixed(3)))

describe('scale bar', () => {
  it('uses MapLibre ground resolution: about 78 km per pixel at zoom 0 on the equator', () => {
    expect(metresPerCssPixel(0, 0)).toBeCloseTo(78_271.5, 0)
    expect(metresPerCssPixel(60, 1)).toBeCloseTo(78_271.5 / 4, 0)
  })

  it('picks the longest 1–2–5 length that fits and labels it in km', () => {
    // 100 m per unit, at most 230 units → 23 km available → 20 km bar, 200 units long
    const bar = niceScaleBar(100, 230, plain)
    expect(bar.metres).toBe(20_000)
    expect(bar.length).toBeCloseTo(200)
    expect(bar.ticks[0]).toBe('0')
    expect(bar.ticks).toEqual(['0', '5', '10', '15', '20'])
    expect(bar.unit).toBe('km')
  })

  it('labels short bars in metres', () => {
    const bar = niceScaleBar(2, 300, plain)
    expect(bar.metres).toBe(500)
    expect(bar.ticks).toEqual(['0', '100', '200', '300', '400', '500'])
    expect(bar.unit).toBe('m')
  })

  it('gives 1 : 100 000 for a kilometre in a centimetre', () => {
    const metresPerPt = 1000 / (72 / 2.54)
    expect(representativeFraction(metresPerPt)).toBe(100_000)
  })
})
