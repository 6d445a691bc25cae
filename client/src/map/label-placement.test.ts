import { describe, expect, it } from 'vitest'
import { VIETNAMESE_CHARSET } from './charset.ts'
import { placeLabels } from './label-placement.ts'

describe('label placement', () => {
  const a = { text: 'Lào Cai', lon: 103.97, lat: 22.48, priority: 10 }
  const b = { text: 'Cốc San', lon: 103.975, lat: 22.481, priority: 5 }
  const far = { text: 'Sa Pa', lon: 103.84, lat: 22.34, priority: 1 }

  it('drops the lower-priority label of two that overlap', () => {
    expect(placeLabels([b, a, far], 9, 14).map((l) => l.text)).toEqual(['Lào Cai', 'Sa Pa'])
  })

  it('keeps both labels once zoomed in far enough to separate them', () => {
    expect(placeLabels([a, b], 16, 14)).toHaveLength(2)
  })
})

describe('label character set', () => {
  it('holds every letter of Vietnamese place names', () => {
    const set = new Set(VIETNAMESE_CHARSET)
    for (const ch of 'Phường Lào Cai, Xã Bản Lầu, Mường Khương, Y Tý, Đồng Tuyển, Nậm Xé, Ữ Ỹ ự ẵ'.replace(
      /\s/g,
      '',
    ))
      expect(set.has(ch), ch).toBe(true)
  })
})
