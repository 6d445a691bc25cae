import { describe, expect, it } from 'vitest'
import { moveItem } from './deck-order.ts'

describe('moving a view in a deck', () => {
  it('moves an item down and up', () => {
    expect(moveItem([1, 2, 3], 0, 1)).toEqual([2, 1, 3])
    expect(moveItem([1, 2, 3], 2, 0)).toEqual([3, 1, 2])
  })

  it('keeps the list when moving past either end', () => {
    expect(moveItem([1, 2, 3], 0, -1)).toEqual([1, 2, 3])
    expect(moveItem([1, 2, 3], 2, 5)).toEqual([1, 2, 3])
  })

  it('does not change the list it was given', () => {
    const list = Object.freeze([1, 2, 3])
    expect(moveItem(list, 0, 2)).toEqual([2, 3, 1])
    expect(list).toEqual([1, 2, 3])
  })
})
