import { describe, expect, it } from 'vitest'
import { withinClassSSE } from './classify.ts'
import { jenksBreaks } from './jenks.ts'
import { createRng } from './random.ts'

/** Minimum SSE over every way to cut sorted data into k non-empty runs (exhaustive; tiny n only). */
function exhaustiveMinSSE(sorted: number[], k: number): number {
  const n = sorted.length
  const sse = (a: number, b: number) => {
    const seg = sorted.slice(a, b)
    const m = seg.reduce((s, v) => s + v, 0) / seg.length
    return seg.reduce((s, v) => s + (v - m) ** 2, 0)
  }
  let best = Number.POSITIVE_INFINITY
  const cuts: number[] = []
  const recurse = (start: number, left: number) => {
    if (left === 1) {
      let total = 0
      let a = 0
      for (const c of [...cuts, n]) {
        total += sse(a, c)
        a = c
      }
      best = Math.min(best, total)
      return
    }
    for (let c = start; c <= n - left + 1; c++) {
      cuts.push(c)
      recurse(c + 1, left - 1)
      cuts.pop()
    }
  }
  recurse(1, k)
  return best
}

/** Textbook O(k·n²) Fisher dynamic programme, for comparison with the fast one. */
function quadraticDpMinSSE(sorted: number[], k: number): number {
  const n = sorted.length
  const p1 = [0]
  const p2 = [0]
  for (const v of sorted) {
    p1.push(p1[p1.length - 1] + v)
    p2.push(p2[p2.length - 1] + v * v)
  }
  const cost = (a: number, b: number) => p2[b] - p2[a] - (p1[b] - p1[a]) ** 2 / (b - a)
  let prev = Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : cost(0, i)))
  for (let q = 2; q <= k; q++) {
    const cur = new Array(n + 1).fill(Number.POSITIVE_INFINITY)
    for (let i = q; i <= n; i++) {
      for (let j = q - 1; j < i; j++) cur[i] = Math.min(cur[i], prev[j] + cost(j, i))
    }
    prev = cur
  }
  return prev[n]
}

function randomSorted(rng: ReturnType<typeof createRng>, n: number): number[] {
  // Skewed values with some ties, like incident rates.
  return Array.from({ length: n }, () => Math.round(rng.next() ** 2 * 1000) / 10).sort((a, b) => a - b)
}

describe('jenksBreaks', () => {
  it('splits three well-separated groups at their tops', () => {
    expect(jenksBreaks([1, 2, 3, 10, 11, 12, 20, 21, 22], 3)).toEqual([3, 12, 22])
  })

  it('isolates an outlier when that minimises the SSE', () => {
    // {1,2,3,4}|{100} has SSE 5; any other cut puts 100 with a low value (≥ 4610).
    expect(jenksBreaks([1, 2, 3, 4, 100], 2)).toEqual([4, 100])
  })

  it('prefers the hand-checked optimum of an uneven array', () => {
    // Candidates for k = 2 on [0, 1, 5, 6, 7]: {0,1}|{5,6,7}: 0.5 + 2 = 2.5 — the minimum.
    expect(jenksBreaks([0, 1, 5, 6, 7], 2)).toEqual([1, 7])
  })

  it('keeps tied values in one class', () => {
    expect(jenksBreaks([1, 1, 1, 2, 9, 9], 2)).toEqual([2, 9])
  })

  it('returns the distinct values when there are no more than k of them', () => {
    expect(jenksBreaks([5, 5, 7, 7, 7], 3)).toEqual([5, 7])
  })

  it('returns the maximum alone for one class', () => {
    expect(jenksBreaks([3, 1, 2].sort(), 1)).toEqual([3])
  })

  it('reaches the exhaustive optimum on small random arrays', () => {
    const rng = createRng(2024)
    for (let t = 0; t < 40; t++) {
      const xs = randomSorted(rng, 6 + rng.int(7))
      const k = 2 + rng.int(3)
      const breaks = jenksBreaks(xs, k)
      expect(withinClassSSE(xs, breaks)).toBeCloseTo(exhaustiveMinSSE(xs, k), 6)
    }
  })

  it('agrees with the O(k·n²) dynamic programme on larger arrays', () => {
    const rng = createRng(7)
    for (let t = 0; t < 5; t++) {
      const xs = randomSorted(rng, 300)
      const k = 3 + t
      const got = withinClassSSE(xs, jenksBreaks(xs, k))
      const want = quadraticDpMinSSE(xs, k)
      expect(Math.abs(got - want)).toBeLessThan(1e-7 * Math.max(1, want))
    }
  })

  it('classifies 5,000 values with k = 9 in well under a second', () => {
    const rng = createRng(9)
    const xs = Array.from({ length: 5000 }, () => rng.next() * 100).sort((a, b) => a - b)
    const t0 = performance.now()
    const breaks = jenksBreaks(xs, 9)
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(breaks).toHaveLength(9)
  })
})
