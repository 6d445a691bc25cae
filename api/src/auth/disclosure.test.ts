import { describe, expect, it } from 'vitest'
import { isWholeMonths, wholeMonths, withheldCounts as withheld } from './disclosure.ts'

const withheldCounts = (...args: Parameters<typeof withheld>) => withheld(...args).held

const T = true
const F = false

describe('withheld counts', () => {
  it('withholds counts of one and two, never zero, when no total is published', () => {
    expect(withheldCounts([0, 1, 2, 3, 7])).toEqual([F, T, T, F, F])
  })

  it('withholds the zeros of the group when a lone small count equals total minus the rest', () => {
    // 2 alone is the total minus 5 + 7; with the zero withheld as well, 2 = 0 + 2, 1 + 1 or 2 + 0
    expect(withheldCounts([2, 5, 7, 0], 'one')).toEqual([T, F, F, T])
  })

  it('withholds the smallest published count when the group has no zero', () => {
    // with 5 withheld as well, 7 = (1 or 2) + (5 or 6)
    expect(withheldCounts([2, 5, 7], 'one')).toEqual([T, T, F])
  })

  it('keeps withholding while the others sit at their least value and so pin the small one', () => {
    // 1 + 3 = 4: the 3 is at least 3, so the 1 is pinned; 1 + 3 + 3 likewise; with 9 the sum leaves room
    expect(withheldCounts([1, 3, 3, 9], 'one')).toEqual([T, T, T, T])
  })

  it('needs nothing more when two small counts could be 1 + 2 or 2 + 1', () => {
    expect(withheldCounts([1, 2, 10], 'one')).toEqual([T, T, F])
  })

  it('treats two small counts that can only be 1 + 1 as pinned', () => {
    expect(withheldCounts([1, 1, 10], 'one')).toEqual([T, T, T])
  })

  it('works group by group and leaves a group without a small count alone', () => {
    expect(withheldCounts([2, 4, 5, 6], ['a', 'a', 'b', 'b'])).toEqual([T, T, F, F])
  })

  it('names a group whose total pins its counts even with every member withheld', () => {
    expect(withheld([2, 2, 5, 6, 4], ['a', 'a', 'b', 'b', 'b'])).toEqual({
      held: [T, T, F, F, F],
      unsafe: new Set(['a']),
    })
  })

  it('counts unlisted zeros as withheld in a series that lists only non-zero cells', () => {
    expect(withheldCounts([0, 0, 1, 5], 'one', { zerosHidden: true })).toEqual([T, T, T, F])
    // two cells, none zero: the total minus 4 would pin the 1
    expect(withheldCounts([1, 4], 'one', { zerosHidden: true })).toEqual([T, T])
  })
})

describe('whole months', () => {
  it('widens a day to its month, leap years included', () => {
    expect(wholeMonths({ from: '2024-02-14', to: '2024-02-14' })).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
    })
    expect(wholeMonths({ from: '2025-02-14', to: '2025-02-14' })).toEqual({
      from: '2025-02-01',
      to: '2025-02-28',
    })
  })

  it('widens a span to every month it touches', () => {
    expect(wholeMonths({ from: '2024-07-16', to: '2025-07-15' })).toEqual({
      from: '2024-07-01',
      to: '2025-07-31',
    })
  })

  it('recognises whole months', () => {
    expect(isWholeMonths({ from: '2025-01-01', to: '2025-12-31' })).toBe(true)
    expect(isWholeMonths({ from: '2025-01-01', to: '2025-12-30' })).toBe(false)
    expect(isWholeMonths({ from: '2025-01-02', to: '2025-01-31' })).toBe(false)
  })
})
