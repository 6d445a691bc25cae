import { describe, expect, it } from 'vitest'
import { sharedValue } from './shared-value.ts'

describe('a shared value', () => {
  it('replaces the whole value with set, and only the named fields with patch', () => {
    const v = sharedValue({ a: 1, b: 'x' })
    v.patch({ a: 2 })
    expect(v.get()).toEqual({ a: 2, b: 'x' })
    v.set({ a: 3, b: 'y' })
    expect(v.get()).toEqual({ a: 3, b: 'y' })
  })

  it('gives a new object on patch, so a component holding the old one sees the change', () => {
    const v = sharedValue({ a: 1 })
    const before = v.get()
    v.patch({ a: 1 })
    expect(v.get()).not.toBe(before)
    expect(before).toEqual({ a: 1 })
  })
})
