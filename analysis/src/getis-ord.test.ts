import { describe, expect, it } from 'vitest'
import { getisOrdGiStar, hotspotClass } from './getis-ord.ts'
import { lineLattice, queenLattice, rookLattice } from './lattice.ts'
import { normalTwoSidedP } from './special-functions.ts'
import { blockGrid, blockGridPSim, ONE_TO_NINE } from './testing.ts'
import { weightsFromIndexLists } from './weights.ts'

const SQRT3 = Math.sqrt(3)

describe('getisOrdGiStar', () => {
  it('matches the hand-computed z for the end of a line of five', () => {
    // values 1..5, X̄ = 3, S = √2, n = 5; unit 0 with self: {0, 1}, Σx = 3, W = 2, S1 = 2
    // z = (3 − 3·2) / (√2 · √((5·2 − 4)/4)) = −3 / √3 = −√3
    const res = getisOrdGiStar([1, 2, 3, 4, 5], lineLattice(5), { permutations: 0 })
    expect(res[0].z).toBeCloseTo(-SQRT3, 12)
  })

  it('gives the whole line of five z = [−√3, −√3, 0, √3, √3]', () => {
    // unit 1: {0,1,2}, Σx = 6, W = 3: (6 − 9) / (√2 · √((15 − 9)/4)) = −3/√3; unit 2: 9 − 9 = 0
    const z = getisOrdGiStar([1, 2, 3, 4, 5], lineLattice(5), { permutations: 0 }).map((u) => u.z as number)
    ;[-SQRT3, -SQRT3, 0, SQRT3, SQRT3].forEach((want, i) => {
      expect(z[i]).toBeCloseTo(want, 12)
    })
  })

  it('matches hand-computed z on a 3×3 rook grid', () => {
    // values 1..9 row-major: X̄ = 5, S = √(60/9) = √(20/3), n = 9
    // corner 0: {0,1,3}, Σx = 7, W = 3: (7 − 15) / (S · √((27 − 9)/8)) = −8 / (1.5 S)
    // edge 1: {0,1,2,4}, Σx = 11, W = 4: (11 − 20) / (S · √((36 − 16)/8)) = −9 / √(50/3)
    // centre 4: {1,3,4,5,7}, Σx = 25 = 5·5 → 0
    const res = getisOrdGiStar(ONE_TO_NINE, rookLattice(3, 3), { permutations: 0 })
    expect(res[0].z).toBeCloseTo(-8 / (1.5 * Math.sqrt(20 / 3)), 12)
    expect(res[1].z).toBeCloseTo(-9 / Math.sqrt(50 / 3), 12)
    expect(res[4].z).toBeCloseTo(0, 12)
    expect(res[8].z).toBeCloseTo(8 / (1.5 * Math.sqrt(20 / 3)), 12)
  })

  it('matches hand-computed z on a 3×3 queen grid', () => {
    // corner 0: {0,1,3,4}, Σx = 12, W = 4: (12 − 20) / (S · √((36 − 16)/8)) = −8 / √(50/3)
    const res = getisOrdGiStar(ONE_TO_NINE, queenLattice(3, 3), { permutations: 0 })
    expect(res[0].z).toBeCloseTo(-8 / Math.sqrt(50 / 3), 12)
  })

  it('leaves z undefined where the neighbourhood is the whole map', () => {
    // queen centre sees all nine units: n·S1 − W² = 81 − 81 = 0
    const res = getisOrdGiStar(ONE_TO_NINE, queenLattice(3, 3), { permutations: 0 })
    expect(res[4].z).toBeNull()
    expect(res[4].cls).toBe('not-significant')
  })

  it("reproduces esda's G_Local(star=True, transform='B') docstring example", () => {
    // points (10,10) (20,10) (40,10) (15,20) (30,20) (30,30), DistanceBand threshold 15
    const w = weightsFromIndexLists(
      ['0', '1', '2', '3', '4', '5'],
      [[1, 3], [0, 3, 4], [4], [0, 1, 4], [1, 2, 3, 5], [4]],
    )
    const res = getisOrdGiStar([2, 3, 3.2, 5, 8, 7], w, { permutations: 0 })
    const want = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331]
    want.forEach((z, i) => {
      expect(res[i].z).toBeCloseTo(z, 7)
    })
  })

  it('reports the two-sided normal p-value of z', () => {
    const res = getisOrdGiStar([1, 2, 3, 4, 5], lineLattice(5), { permutations: 0 })
    expect(res[0].pNorm).toBeCloseTo(normalTwoSidedP(-SQRT3), 15)
  })

  it('includes the unit itself in the local sum', () => {
    expect(getisOrdGiStar([1, 2, 3, 4, 5], lineLattice(5), { permutations: 0 })[2].localSum).toBe(9)
  })

  it('gives identical permutation p-values for the same seed', () => {
    expect(blockGridPSim(getisOrdGiStar, 5)).toEqual(blockGridPSim(getisOrdGiStar, 5))
  })

  it('gives different permutation p-values for different seeds', () => {
    expect(blockGridPSim(getisOrdGiStar, 5)).not.toEqual(blockGridPSim(getisOrdGiStar, 6))
  })

  it('keeps pseudo p-values within [1/(R+1), 1]', () => {
    for (const u of getisOrdGiStar(blockGrid(), queenLattice(10, 10), { permutations: 99 })) {
      expect(u.pSim as number).toBeGreaterThanOrEqual(0.01)
      expect(u.pSim as number).toBeLessThanOrEqual(1)
    }
  })

  it('marks the centre of a block of high values as a significant hot spot', () => {
    const res = getisOrdGiStar(blockGrid(), queenLattice(10, 10))
    expect(res[11].z as number).toBeGreaterThan(2.58)
    expect(res[11].cls.startsWith('hot')).toBe(true)
  })

  it('does not call the far corner of a block grid hot', () => {
    const res = getisOrdGiStar(blockGrid(), queenLattice(10, 10))
    expect(res[99].cls.startsWith('hot')).toBe(false)
  })

  it('marks the centre of a block of low values as a cold spot', () => {
    const res = getisOrdGiStar(
      blockGrid().map((v) => -v),
      queenLattice(10, 10),
    )
    expect(res[11].cls.startsWith('cold')).toBe(true)
  })

  it('never calls a lone high value among low neighbours a cold spot', () => {
    // one commune with many incidents in a quiet area: z > 0, yet below its conditional expectation
    const x = Array.from({ length: 100 }, (_, i) => (i * 7) % 11)
    for (const j of [33, 34, 35, 43, 45, 53, 54, 55]) x[j] = 0
    x[44] = 200
    const res = getisOrdGiStar(x, queenLattice(10, 10), { pValue: 'permutation', permutations: 999 })
    expect(res[44].z as number).toBeGreaterThan(0)
    expect(res[44].cls.startsWith('cold')).toBe(false)
    // its pseudo p-value speaks for the side of z: nothing to say there
    expect(res[44].pSim).toBe(1)
    for (const u of res)
      if (u.cls !== 'not-significant') expect(Math.sign(u.z as number)).toBe(u.cls.startsWith('hot') ? 1 : -1)
  })

  it('never lowers a p-value by the FDR adjustment', () => {
    for (const u of getisOrdGiStar(blockGrid(), queenLattice(10, 10))) {
      expect(u.pSimFdr as number).toBeGreaterThanOrEqual(u.pSim as number)
    }
  })

  it('bases the class on the FDR-adjusted permutation p by default', () => {
    const u = getisOrdGiStar(blockGrid(), queenLattice(10, 10))[11]
    expect(u.p).toBe(u.pSimFdr)
  })

  it('can base the class on the analytical p-value instead', () => {
    const u = getisOrdGiStar(blockGrid(), queenLattice(10, 10), { pValue: 'analytical' })[11]
    expect(u.p).toBe(u.pNorm)
    expect(u.cls).toBe('hot-99')
  })

  it('falls back to FDR-adjusted analytical p-values without permutations', () => {
    const u = getisOrdGiStar(blockGrid(), queenLattice(10, 10), { permutations: 0 })[11]
    expect(u.pSim).toBeNull()
    expect(u.p).toBe(u.pNormFdr)
  })

  it('refuses permutation p-values with zero permutations', () => {
    expect(() =>
      getisOrdGiStar([1, 2, 3], lineLattice(3), { permutations: 0, pValue: 'permutation' }),
    ).toThrow(RangeError)
  })

  it('gives islands null statistics and no class', () => {
    const w = weightsFromIndexLists(['a', 'b', 'c', 'd'], [[1], [0, 2], [1], []])
    const res = getisOrdGiStar([1, 5, 2, 9], w)
    expect(res[3]).toMatchObject({ island: true, z: null, pSim: null, p: null, cls: 'not-significant' })
  })

  it('rejects non-finite values', () => {
    expect(() => getisOrdGiStar([1, Number.NaN, 3], lineLattice(3))).toThrow(/not finite/)
  })
})

describe('hotspotClass', () => {
  it.each([
    [1, 0.009, 'hot-99'],
    [1, 0.01, 'hot-95'],
    [1, 0.049, 'hot-95'],
    [1, 0.099, 'hot-90'],
    [-1, 0.001, 'cold-99'],
    [-1, 0.07, 'cold-90'],
    [1, 0.1, 'not-significant'],
    [0, 0.001, 'not-significant'],
    [1, null, 'not-significant'],
  ] as const)('classes direction %d with p = %s as %s', (dir, p, cls) => {
    expect(hotspotClass(dir, p)).toBe(cls)
  })
})
