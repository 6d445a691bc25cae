import { describe, expect, it } from 'vitest'
import {
  type CoverageInstance,
  chosenSites,
  coverShortfall,
  greedyMaxCover,
  greedySetCover,
  type LinearModel,
  maxCoverModel,
  modelStart,
  newlyCoveredDemand,
  orderByMarginalGain,
  reachableTargetPoints,
  setCoverModel,
  siteReasons,
} from './covering.ts'
import { enumerateMaxCover, GREEDY_TRAP, randomCoverageInstance, subsets } from './testing.ts'

const TRAP = GREEDY_TRAP
const randomInstance = randomCoverageInstance

/** Value of a column vector under a model, and whether it is feasible (bounds, rows, integrality). */
function evaluate(model: LinearModel, x: readonly number[]) {
  const eps = 1e-9
  let feasible = x.length === model.numCols
  x.forEach((v, j) => {
    if (v < model.colLower[j] - eps || v > model.colUpper[j] + eps) feasible = false
    if (model.integrality[j] && Math.abs(v - Math.round(v)) > eps) feasible = false
  })
  for (let r = 0; r < model.numRows; r++) {
    let a = 0
    for (let k = model.matrix.start[r]; k < model.matrix.start[r + 1]; k++)
      a += model.matrix.value[k] * x[model.matrix.index[k]]
    if (a < model.rowLower[r] - eps || a > model.rowUpper[r] + eps) feasible = false
  }
  return { feasible, value: x.reduce((s, v, j) => s + v * model.colCost[j], 0) }
}

describe('newlyCoveredDemand', () => {
  it('counts each point once and leaves out the already covered', () => {
    const inst = {
      weights: [5, 7, 11],
      covers: [
        [0, 1],
        [1, 2],
      ],
      covered: [false, false, true],
    }
    expect(newlyCoveredDemand(inst, [0, 1])).toBe(12)
    expect(newlyCoveredDemand(inst, [1])).toBe(7)
  })

  it('rejects a site that is not a candidate', () => {
    expect(() => newlyCoveredDemand(TRAP, [3])).toThrow(/not a candidate/)
  })
})

describe('greedyMaxCover', () => {
  it('falls into the trap: takes the largest site first and ends one point short of the optimum', () => {
    const g = greedyMaxCover(TRAP, 2)
    expect(g.sites).toEqual([0, 1])
    expect(g.gains).toEqual([4, 1])
    expect(g.objective).toBe(5)
    expect(newlyCoveredDemand(TRAP, [1, 2])).toBe(6)
  })

  it('keeps locked-in sites and never takes an excluded one', () => {
    const g = greedyMaxCover(TRAP, 2, { include: [2], exclude: [0] })
    expect(g.sites).toEqual([2, 1])
    expect(g.objective).toBe(6)
  })

  it('stops when no site adds anything', () => {
    const inst = { weights: [1, 0], covers: [[0], [1], [0]] }
    expect(greedyMaxCover(inst, 3).sites).toEqual([0])
  })

  it('is within 1 − 1/e of the optimum found by enumeration on random instances', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const inst = randomInstance(seed, 30, 12)
      const best = enumerateMaxCover(inst, 3).objective
      const g = greedyMaxCover(inst, 3)
      expect(g.objective).toBeLessThanOrEqual(best)
      expect(g.objective).toBeGreaterThanOrEqual((1 - 1 / Math.E) * best - 1e-9)
      expect(g.objective).toBe(newlyCoveredDemand(inst, g.sites))
    }
  })
})

describe('orderByMarginalGain', () => {
  it('orders the optimum of the trap by what each site adds to the ones before it', () => {
    const o = orderByMarginalGain(TRAP, [2, 1])
    expect(o.sites).toEqual([1, 2])
    expect(o.gains).toEqual([3, 3])
    expect(o.objective).toBe(6)
  })
})

describe('maxCoverModel', () => {
  it('gives every selection the value it covers, and is feasible exactly when the count is kept', () => {
    const inst = randomInstance(7, 25, 10)
    const model = maxCoverModel(inst, 3)
    for (const k of [1, 2, 3, 4])
      for (const s of subsets(10, k)) {
        const e = evaluate(model, modelStart(inst, model, s))
        expect(e.feasible).toBe(k <= 3)
        expect(e.value).toBeCloseTo(newlyCoveredDemand(inst, s), 9)
      }
  })

  it('has no row for a point already covered, of zero demand, or out of reach', () => {
    const inst = { weights: [1, 0, 1, 1], covers: [[0, 1, 2]], covered: [false, false, true, false] }
    const model = maxCoverModel(inst, 1)
    expect(model.pointColumns).toEqual([0])
    expect(model.numRows).toBe(2)
  })

  it('fixes locked sites through the bounds and drops excluded ones', () => {
    const model = maxCoverModel(TRAP, 2, { include: [1], exclude: [0] })
    expect(model.siteColumns).toEqual([1, 2])
    expect(model.colLower.slice(0, 2)).toEqual([1, 0])
    expect(chosenSites(model, [1, 0, 1, 1, 1, 1, 1, 1])).toEqual([1])
  })

  it('refuses more locked-in sites than the count', () => {
    expect(() => maxCoverModel(TRAP, 1, { include: [0, 1] })).toThrow(/locked in/)
    expect(() => maxCoverModel(TRAP, 2, { include: [0], exclude: [0] })).toThrow(/both/)
  })
})

describe('set covering', () => {
  const inst: CoverageInstance = {
    weights: [0, 0, 0, 0, 0, 0, 0, 0],
    covers: [[0, 1], [1, 2, 3], [3, 4], [4, 5, 6], [0, 6], [7]],
    covered: [false, false, false, false, false, false, false, true],
  }
  const goal = { target: [0, 1, 2, 3, 4, 5, 6, 7], share: 0.75 }

  it('counts the shortfall from the share, with existing coverage', () => {
    expect(coverShortfall(inst, goal)).toBe(5) // ⌈0.75 · 8⌉ = 6, one already covered
    expect(coverShortfall(inst, { target: [7], share: 1 })).toBe(0)
    expect(
      coverShortfall(
        { weights: Array(10).fill(0), covers: [] },
        { target: [...Array(10).keys()], share: 0.7 },
      ),
    ).toBe(7)
  })

  it('is minimal: no smaller set of sites reaches the target, by enumeration', () => {
    const shortfall = coverShortfall(inst, goal)
    const reaches = (s: number[]) => {
      const got = new Set<number>()
      for (const j of s) for (const i of inst.covers[j]) if (!inst.covered?.[i]) got.add(i)
      return got.size >= shortfall
    }
    let fewest = -1
    for (let k = 0; k <= inst.covers.length && fewest < 0; k++)
      for (const s of subsets(inst.covers.length, k))
        if (reaches(s)) {
          fewest = k
          break
        }
    expect(fewest).toBe(2)
    const g = greedySetCover(inst, goal)
    expect(g?.sites.length).toBeGreaterThanOrEqual(fewest)
    expect(reaches(g?.sites ?? [])).toBe(true)
    const model = setCoverModel(inst, goal)
    for (const k of [1, 2, 3])
      for (const s of subsets(inst.covers.length, k)) {
        const e = evaluate(model, modelStart(inst, model, s))
        expect(e.feasible).toBe(reaches(s))
        expect(e.value).toBe(k)
      }
  })

  it('says when the target cannot be reached', () => {
    const locks = { exclude: [1, 3, 4] }
    expect(reachableTargetPoints(inst, goal, locks)).toBe(4) // 0, 1, 3, 4
    expect(greedySetCover(inst, goal, locks)).toBeNull()
  })
})

describe('siteReasons', () => {
  it('lists what each chosen site alone covers', () => {
    const r = siteReasons(TRAP, [0, 2])
    expect(r[0]).toEqual({ site: 0, newly: [0, 1, 2, 3], only: [0, 1], onlyDemand: 2 })
    expect(r[1]).toEqual({ site: 2, newly: [2, 3, 5], only: [5], onlyDemand: 1 })
  })
})
