import { describe, expect, it } from 'vitest'
import { paddingAround } from './panel-padding.ts'

const box = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
})

describe('camera padding around the panels over the map', () => {
  const map = box(0, 60, 1000, 700)

  it('keeps only the margin when no panel covers the map', () => {
    expect(paddingAround(map, undefined, undefined)).toEqual({ top: 36, right: 36, bottom: 36, left: 36 })
  })

  it('adds the width of a detail panel on the right and the height of a table along the bottom', () => {
    const detail = box(640, 60, 360, 700)
    const table = box(0, 560, 640, 200)
    expect(paddingAround(map, detail, table, 20)).toEqual({ top: 20, right: 380, bottom: 220, left: 20 })
  })

  it('ignores a hidden panel and one that lies outside the map', () => {
    expect(paddingAround(map, box(640, 60, 0, 0), box(0, 800, 1000, 100))).toEqual({
      top: 36,
      right: 36,
      bottom: 36,
      left: 36,
    })
  })
})
