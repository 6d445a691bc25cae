import { describe, expect, it } from 'vitest'
import { createRng, partialShuffle, sampleWithoutReplacement, xoshiro128ss } from './random.ts'

describe('random', () => {
  it('reproduces the xoshiro128** reference outputs for state [1, 2, 3, 4]', () => {
    // Worked through the reference C by hand: rotl(2·5, 7)·9 = 11520, then 0, then rotl(1029·5, 7)·9.
    const next = xoshiro128ss([1, 2, 3, 4])
    expect([next(), next(), next()]).toEqual([11520, 0, 5927040])
  })

  it('gives the same stream for the same seed', () => {
    const a = createRng(42)
    const b = createRng(42)
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()))
  })

  it('gives different streams for different seeds', () => {
    const a = createRng(1)
    const b = createRng(2)
    expect(Array.from({ length: 5 }, () => a.nextUint32())).not.toEqual(
      Array.from({ length: 5 }, () => b.nextUint32()),
    )
  })

  it('draws next() in [0, 1) with a mean near one half', () => {
    const rng = createRng(7)
    let total = 0
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next()
      expect(u >= 0 && u < 1).toBe(true)
      total += u
    }
    expect(total / 100_000).toBeCloseTo(0.5, 2)
  })

  it('draws int(n) uniformly over 0..n−1', () => {
    const rng = createRng(3)
    const counts = new Array(6).fill(0)
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400)
  })

  it('rejects int(0)', () => {
    expect(() => createRng(1).int(0)).toThrow(RangeError)
  })

  it('samples distinct integers without replacement', () => {
    const s = sampleWithoutReplacement(10, 10, createRng(5))
    expect([...s].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('keeps the same elements when partially shuffling', () => {
    const arr = [1, 2, 3, 4, 5, 6]
    partialShuffle(arr, 3, createRng(9))
    expect([...arr].sort()).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('samples each element with equal probability in a partial shuffle', () => {
    const rng = createRng(11)
    const firstCounts = new Array(5).fill(0)
    const arr = new Int32Array([0, 1, 2, 3, 4])
    for (let t = 0; t < 50_000; t++) {
      partialShuffle(arr, 2, rng)
      firstCounts[arr[0]]++
      firstCounts[arr[1]]++
    }
    // Each element lands in the two-slot sample with probability 2/5.
    for (const c of firstCounts) expect(Math.abs(c - 20_000)).toBeLessThan(600)
  })
})
