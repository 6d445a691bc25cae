import { describe, expect, it } from 'vitest'
import { BIVARIATE, bivariateColour, DIVERGING, PALETTE_NAMES, palette, SEQUENTIAL } from './palettes.ts'

const HEX = /^#[0-9a-f]{6}$/

describe('palettes', () => {
  it('offers k hex colours for every scheme and 3 ≤ k ≤ 9', () => {
    for (const name of PALETTE_NAMES) {
      for (let k = 3; k <= 9; k++) {
        const colours = palette(name, k)
        expect(colours).toHaveLength(k)
        for (const c of colours) expect(c).toMatch(HEX)
        expect(new Set(colours).size).toBe(k)
      }
    }
  })

  it('lists the nine ColorBrewer schemes asked for', () => {
    expect(Object.keys(SEQUENTIAL).sort()).toEqual(['Blues', 'Greens', 'OrRd', 'Purples', 'YlGnBu', 'YlOrRd'])
    expect(Object.keys(DIVERGING).sort()).toEqual(['BrBG', 'PuOr', 'RdBu'])
  })

  it('matches ColorBrewer YlOrRd with 5 classes', () => {
    expect(palette('YlOrRd', 5)).toEqual(['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'])
  })

  it('puts the neutral colour in the middle of odd diverging schemes', () => {
    expect(palette('RdBu', 5)[2]).toBe('#f7f7f7')
  })

  it('uses the ends of the 3-class scheme for two classes and its middle for one', () => {
    expect(palette('Blues', 2)).toEqual(['#deebf7', '#3182bd'])
    expect(palette('Blues', 1)).toEqual(['#9ecae1'])
  })

  it('returns a copy that callers may change', () => {
    palette('Greens', 3).reverse()
    expect(palette('Greens', 3)[0]).toBe('#e5f5e0')
  })

  it('rejects more than nine classes', () => {
    expect(() => palette('OrRd', 10)).toThrow(RangeError)
  })

  it('gives 3×3 bivariate schemes from light low–low to dark high–high', () => {
    for (const rows of Object.values(BIVARIATE)) {
      expect(rows.flat()).toHaveLength(9)
      expect(rows[0][0]).toBe('#e8e8e8')
    }
    expect(bivariateColour(2, 0)).toBe('#c85a5a')
    expect(bivariateColour(0, 2)).toBe('#64acbe')
    expect(bivariateColour(2, 2)).toBe('#574249')
  })
})
