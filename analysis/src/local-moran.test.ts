import { describe, expect, it } from 'vitest'
import { lineLattice, queenLattice, rookLattice } from './lattice.ts'
import { localMoran, moranQuadrant } from './local-moran.ts'
import { blockGrid, blockGridPSim, ONE_TO_NINE } from './testing.ts'
import { toNeighbourMap, weightsFromIndexLists } from './weights.ts'

describe('localMoran', () => {
  // 3×3 rook, values 1..9: deviations d = x − 5 = −4..4, Σd² = 60, n − 1 = 8,
  // I_i = 8 · d_i · (row-standardised lag of d)_i / 60.
  it('matches hand-computed I at the low corner of a 3×3 rook grid', () => {
    // unit 0: neighbours {1, 3}, lag = (−3 − 1)/2 = −2 → I = 8 · (−4)(−2) / 60 = 16/15
    expect(localMoran(ONE_TO_NINE, rookLattice(3, 3), { permutations: 0 })[0].I).toBeCloseTo(16 / 15, 12)
  })

  it('matches hand-computed I along the edge and corner of a 3×3 rook grid', () => {
    // unit 1: {0, 2, 4}, lag = (−4 − 2 + 0)/3 = −2 → 8 · 6 / 60 = 0.8
    // unit 2: {1, 5}, lag = (−3 + 1)/2 = −1 → 8 · 2 / 60 = 4/15
    const res = localMoran(ONE_TO_NINE, rookLattice(3, 3), { permutations: 0 })
    expect(res[1].I).toBeCloseTo(0.8, 12)
    expect(res[2].I).toBeCloseTo(4 / 15, 12)
    expect(res[8].I).toBeCloseTo(16 / 15, 12)
  })

  it('gives zero I at the centre of a symmetric 3×3 grid', () => {
    expect(localMoran(ONE_TO_NINE, rookLattice(3, 3), { permutations: 0 })[4].I).toBeCloseTo(0, 12)
  })

  it("assigns esda's quadrants on a 3×3 grid, a zero z counting as low", () => {
    const q = localMoran(ONE_TO_NINE, rookLattice(3, 3), { permutations: 0 }).map((u) => u.quadrant)
    expect(q).toEqual([3, 3, 3, 3, 3, 1, 1, 1, 1])
  })

  it('finds high–low and low–high outliers with negative I', () => {
    // [5,1,1,1,1]: mean 1.8, d = [3.2, −0.8 ×4], Σd² = 12.8, n − 1 = 4
    // unit 0: lag = −0.8 → I = 4 · 3.2 · (−0.8) / 12.8 = −0.8, HL
    // unit 1: lag = (3.2 − 0.8)/2 = 1.2 → I = 4 · (−0.8)(1.2) / 12.8 = −0.3, LH
    const res = localMoran([5, 1, 1, 1, 1], lineLattice(5), { permutations: 0 })
    expect(res[0].I).toBeCloseTo(-0.8, 12)
    expect(res[0].quadrant).toBe(4)
    expect(res[1].I).toBeCloseTo(-0.3, 12)
    expect(res[1].quadrant).toBe(2)
  })

  it('standardises values with the population standard deviation', () => {
    // [1..5]: mean 3, population sd √2
    expect(localMoran([1, 2, 3, 4, 5], lineLattice(5), { permutations: 0 })[0].z).toBeCloseTo(
      -2 / Math.SQRT2,
      12,
    )
  })

  it('reports the row-standardised lag of z', () => {
    // unit 0 of the 3×3 grid: lag of d is −2, sd = √(20/3)
    expect(localMoran(ONE_TO_NINE, rookLattice(3, 3), { permutations: 0 })[0].lag).toBeCloseTo(
      -2 / Math.sqrt(20 / 3),
      12,
    )
  })

  it('does not depend on the unit of measurement', () => {
    const a = localMoran(blockGrid(), queenLattice(10, 10), { permutations: 0 })
    const b = localMoran(
      blockGrid().map((v) => 10 * v + 3),
      queenLattice(10, 10),
      { permutations: 0 },
    )
    a.forEach((u, i) => {
      expect(b[i].I).toBeCloseTo(u.I as number, 10)
    })
  })

  it('sums to (n − 1) times the global Moran I with row-standardised weights', () => {
    // Global I = (n / S0) Σ_i Σ_j w_ij d_i d_j / Σ d², S0 = n for row-standardised weights.
    const x = blockGrid()
    const w = queenLattice(10, 10)
    const n = x.length
    const m = x.reduce((s, v) => s + v, 0) / n
    const d = x.map((v) => v - m)
    let cross = 0
    for (const [id, nbrs] of toNeighbourMap(w)) {
      const i = Number(id)
      for (const j of nbrs) cross += (d[i] * d[Number(j)]) / nbrs.length
    }
    const globalI = cross / d.reduce((s, v) => s + v * v, 0)
    const total = localMoran(x, w, { permutations: 0 }).reduce((s, u) => s + (u.I as number), 0)
    expect(total).toBeCloseTo((n - 1) * globalI, 10)
  })

  it('gives identical pseudo p-values for the same seed', () => {
    expect(blockGridPSim(localMoran, 8)).toEqual(blockGridPSim(localMoran, 8))
  })

  it('gives different pseudo p-values for different seeds', () => {
    expect(blockGridPSim(localMoran, 8)).not.toEqual(blockGridPSim(localMoran, 9))
  })

  it('labels the centre of a high block as a significant HH cluster', () => {
    expect(localMoran(blockGrid(), queenLattice(10, 10))[11].cluster).toBe('HH')
  })

  it('compares the raw pseudo p-value with alpha when adjust is none', () => {
    const u = localMoran(blockGrid(), queenLattice(10, 10), { adjust: 'none' })[11]
    expect(u.p).toBe(u.pSim)
  })

  it('labels nothing significant without permutations', () => {
    const res = localMoran(blockGrid(), queenLattice(10, 10), { permutations: 0 })
    expect(res.every((u) => u.cluster === 'not-significant')).toBe(true)
  })

  it('gives islands null statistics', () => {
    const w = weightsFromIndexLists(['a', 'b', 'c', 'd'], [[1], [0, 2], [1], []])
    const res = localMoran([1, 5, 2, 9], w)
    expect(res[3]).toMatchObject({
      island: true,
      I: null,
      lag: null,
      quadrant: null,
      pSim: null,
      cluster: 'not-significant',
    })
    expect(res[0].I).not.toBeNull()
  })

  it('gives null statistics when every value is the same', () => {
    const res = localMoran([2, 2, 2], lineLattice(3))
    expect(res.map((u) => u.I)).toEqual([null, null, null])
  })
})

describe('moranQuadrant', () => {
  it('numbers the quadrants HH 1, LH 2, LL 3, HL 4', () => {
    expect([moranQuadrant(1, 1), moranQuadrant(-1, 1), moranQuadrant(-1, -1), moranQuadrant(1, -1)]).toEqual([
      1, 2, 3, 4,
    ])
  })
})
