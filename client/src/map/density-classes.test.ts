import { describe, expect, it } from 'vitest'
import { NO_DATA_FILL } from './colors.ts'
import { hexClasses, hexFill, hexResolution, SUPPRESSED_HEX, weightedVillages } from './density-classes.ts'

describe('incident density classes', () => {
  it('uses finer hexagons as the map zooms in', () => {
    expect([8, 9.5, 10.9, 11, 14].map(hexResolution)).toEqual([2000, 1000, 1000, 500, 500])
  })

  it('classifies the shown counts in quantiles and leaves suppressed cells out of the classes', () => {
    const hex = hexClasses([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null, null])
    expect(hex.breaks).toHaveLength(5)
    expect(hex.breaks.at(-1)).toBe(10)
    expect(hex.colors).toHaveLength(5)
    expect(hexClasses([null, null])).toEqual({ breaks: [], colors: [] })
  })

  it('fills a cell by its class (the top class open-ended), a suppressed cell grey, and any cell before classes exist as no data', () => {
    const hex = { breaks: [2, 5], colors: ['#ffeda0', '#f03b20'] }
    expect(hexFill(hex, 1)).toEqual([255, 237, 160, 255])
    expect(hexFill(hex, 5)).toEqual([240, 59, 32, 255])
    expect(hexFill(hex, null)).toEqual(SUPPRESSED_HEX)
    expect(hexFill(hex, 60)).toEqual([240, 59, 32, 255])
    expect(hexFill({ breaks: [], colors: [] }, 3)).toEqual(NO_DATA_FILL)
  })

  it('weights villages by their incident counts and drops those without any', () => {
    const villages = [
      { code: 'a', lon: 104, lat: 22 },
      { code: 'b', lon: 104.1, lat: 22.1 },
      { code: 'c', lon: 104.2, lat: 22.2 },
    ]
    expect(
      weightedVillages(villages, [
        { code: 'a', count: 3 },
        { code: 'b', count: null },
      ]),
    ).toEqual([{ lon: 104, lat: 22, count: 3 }])
  })
})
