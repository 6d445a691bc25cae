import { describe, expect, it } from 'vitest'
import { areaBounds } from './area-bounds.ts'
import { CATEGORICAL, categoricalColor, rgba } from './colors.ts'

describe('map colours', () => {
  it('reads a hex colour into deck.gl RGBA, opaque unless told', () => {
    expect(rgba('#fd8d3c')).toEqual([253, 141, 60, 255])
    expect(rgba('2166ac', 80)).toEqual([33, 102, 172, 80])
  })

  it('cycles the categorical scheme past its last colour', () => {
    expect(categoricalColor(0)).toBe(CATEGORICAL[0])
    expect(categoricalColor(CATEGORICAL.length + 2)).toBe(CATEGORICAL[2])
  })
})

describe('area bounds', () => {
  it('are the served area once known, and the whole country before', () => {
    expect(areaBounds(undefined)).toEqual([102.1, 8.4, 109.5, 23.4])
    const health = { area: { bounds: [103.5, 21.3, 104.9, 22.9] } } as unknown as Parameters<
      typeof areaBounds
    >[0]
    expect(areaBounds(health)).toEqual([103.5, 21.3, 104.9, 22.9])
  })
})
