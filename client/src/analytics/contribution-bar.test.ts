import { describe, expect, it } from 'vitest'
import { contributionSegments, topContributions } from './contribution-bar.ts'

const ORDER = ['a', 'b', 'c', 'd'] as const

describe('contribution bar layout', () => {
  it('places the parts side by side in the given order, as percent of 100 points', () => {
    expect(contributionSegments({ b: 10, a: 20, c: 5 }, ORDER)).toEqual([
      { key: 'a', points: 20, start: 0, width: 20 },
      { key: 'b', points: 10, start: 20, width: 10 },
      { key: 'c', points: 5, start: 30, width: 5 },
    ])
  })

  it('leaves out parts that gave nothing or are missing', () => {
    const s = contributionSegments({ a: 0, b: 12, c: Number.NaN, d: -1 }, ORDER)
    expect(s.map((x) => x.key)).toEqual(['b'])
    expect(s[0].start).toBe(0)
  })

  it('ends where the score ends, so the bar length reads as the score', () => {
    const s = contributionSegments({ a: 30.5, b: 12.25, c: 7.25 }, ORDER)
    const last = s[s.length - 1]
    expect(last.start + last.width).toBeCloseTo(50, 12)
  })

  it('scales to another maximum', () => {
    expect(contributionSegments({ a: 25, b: 25 }, ORDER, 50).map((x) => x.width)).toEqual([50, 50])
  })

  it('never runs past the end of the bar', () => {
    const s = contributionSegments({ a: 80, b: 30 }, ORDER)
    expect(s[1].width).toBeCloseTo(20, 12)
  })
})

describe('top contributions', () => {
  it('lists the largest parts first with their share of the score', () => {
    expect(topContributions({ a: 5, b: 15, c: 0, d: 30 }, ORDER, 2)).toEqual([
      { key: 'd', points: 30, share: 0.6 },
      { key: 'b', points: 15, share: 0.3 },
    ])
  })

  it('breaks ties by the given order', () => {
    expect(topContributions({ c: 10, a: 10 }, ORDER).map((x) => x.key)).toEqual(['a', 'c'])
  })
})
