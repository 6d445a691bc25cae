import {
  chosenSites,
  greedyMaxCover,
  maxCoverModel,
  modelStart,
  newlyCoveredDemand,
  setCoverModel,
} from '@antt/analysis'
import { enumerateMaxCover, GREEDY_TRAP, randomCoverageInstance, subsets } from '@antt/analysis/testing'
import { describe, expect, it } from 'vitest'
import { gainCurve } from './optimize.ts'
import { solveWithHighs } from './solver.ts'

describe('HiGHS in the worker thread', () => {
  it('finds the optimum of the greedy trap, one point better than greedy', async () => {
    const model = maxCoverModel(GREEDY_TRAP, 2)
    const res = await solveWithHighs(model, 5)
    expect(res.status).toBe('optimal')
    expect(res.objective).toBe(6)
    expect(chosenSites(model, res.colValue ?? []).sort()).toEqual([1, 2])
    expect(greedyMaxCover(GREEDY_TRAP, 2).objective).toBe(5)
  })

  it('matches exhaustive enumeration: 3 of 25 candidates, twelve random instances', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const inst = randomCoverageInstance(seed, 60, 25)
      const best = enumerateMaxCover(inst, 3)
      const model = maxCoverModel(inst, 3)
      const res = await solveWithHighs(model, 10)
      expect(res.status, `seed ${seed}`).toBe('optimal')
      expect(res.gap).toBe(0)
      const sites = chosenSites(model, res.colValue ?? [])
      expect(sites.length).toBeLessThanOrEqual(3)
      expect(newlyCoveredDemand(inst, sites), `seed ${seed}`).toBe(best.objective)
      expect(res.objective).toBeCloseTo(best.objective, 6)
    }
  })

  it('keeps locks: the optimum with a site forced in and one forced out, by enumeration', async () => {
    const inst = randomCoverageInstance(99, 60, 25)
    const free = enumerateMaxCover(inst, 3).sites
    const locks = { include: [0], exclude: [free[0] === 0 ? free[1] : free[0]] }
    let best = Number.NEGATIVE_INFINITY
    for (const s of subsets(25, 3))
      if (s.includes(0) && !s.includes(locks.exclude[0])) best = Math.max(best, newlyCoveredDemand(inst, s))
    const model = maxCoverModel(inst, 3, locks)
    const res = await solveWithHighs(model, 10, modelStart(inst, model, greedyMaxCover(inst, 3, locks).sites))
    const sites = chosenSites(model, res.colValue ?? [])
    expect(sites).toContain(0)
    expect(sites).not.toContain(locks.exclude[0])
    expect(newlyCoveredDemand(inst, sites)).toBe(best)
  })

  it('solves the set-covering form to the minimum found by enumeration', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const inst = randomCoverageInstance(seed, 40, 14)
      const target = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 2 === 0)
      const goal = { target, share: 0.5 }
      const model = setCoverModel(inst, goal)
      const res = await solveWithHighs(model, 10)
      const reaches = (s: number[]) => {
        const got = new Set<number>()
        for (const j of s) for (const i of inst.covers[j]) if (i % 2 === 0) got.add(i)
        return target.filter((i) => got.has(i) || inst.covered?.[i]).length >= Math.ceil(0.5 * target.length)
      }
      let fewest: number | null = null
      for (let k = 0; k <= 14 && fewest === null; k++)
        for (const s of subsets(14, k))
          if (reaches(s)) {
            fewest = k
            break
          }
      if (fewest === null) expect(res.status).toBe('infeasible')
      else {
        expect(res.status, `seed ${seed}`).toBe('optimal')
        const sites = chosenSites(model, res.colValue ?? [])
        expect(sites.length, `seed ${seed}`).toBe(fewest)
        expect(reaches(sites)).toBe(true)
      }
    }
  })

  it('stops at the time limit with the best solution found and its gap', async () => {
    // a dense random instance that branch and bound does not close in a hundredth of a second
    const inst = randomCoverageInstance(5, 3000, 1500)
    const model = maxCoverModel(inst, 40)
    const start = modelStart(inst, model, greedyMaxCover(inst, 40).sites)
    const res = await solveWithHighs(model, 0.01, start)
    expect(res.status).toBe('time_limit')
    // the greedy start is kept as the incumbent, so a solution is there even when stopped early
    expect(res.objective).toBeGreaterThanOrEqual(greedyMaxCover(inst, 40).objective - 1e-6)
    if (res.gap !== null) expect(res.gap).toBeGreaterThanOrEqual(0)
  })

  it('labels a point of the curve optimal only where it was proven so, N included', async () => {
    const inst = randomCoverageInstance(5, 3000, 1500)
    const model = maxCoverModel(inst, 40)
    const stopped = await solveWithHighs(model, 0.01, modelStart(inst, model, greedyMaxCover(inst, 40).sites))
    expect(stopped.status).toBe('time_limit')
    const sites = { instance: inst, siteCodes: [], equivalents: [], siteOf: new Map<string, number>() }
    const atN = { value: stopped.objective ?? 0, status: stopped.status }
    const curve = await gainCurve(sites, 40, { include: [], exclude: [] }, atN, 0.5)
    expect(curve.map((p) => p.k)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(curve[39].status).toBe('time_limit')
    expect(curve[39].optimal).toBeCloseTo(atN.value, 6)
    for (const p of curve) {
      expect(['optimal', 'time_limit', 'not_solved']).toContain(p.status)
      expect(p.optimal === null).toBe(p.status === 'not_solved')
      if (p.optimal !== null) expect(p.optimal).toBeGreaterThanOrEqual(p.greedy - 1e-9)
    }
  })
})
