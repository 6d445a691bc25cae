import { describe, expect, it } from 'vitest'
import { getisOrdGiStar } from './getis-ord.ts'
import { queenLattice } from './lattice.ts'
import { localMoran } from './local-moran.ts'
import { createRng } from './random.ts'

describe('performance', () => {
  it('runs Gi* and local Moran with 999 permutations on 2,000 units in a few seconds', () => {
    // About 0.5 s on a 2024 laptop-class CPU; the bound only guards against
    // an accidental O(n²·R) regression and leaves room for a busy CI machine.
    const w = queenLattice(40, 50)
    const rng = createRng(1)
    const x = Array.from({ length: 2000 }, () => rng.next() * 10)
    const t0 = performance.now()
    const g = getisOrdGiStar(x, w, { permutations: 999 })
    const m = localMoran(x, w, { permutations: 999 })
    const elapsed = performance.now() - t0
    expect(g).toHaveLength(2000)
    expect(m).toHaveLength(2000)
    expect(elapsed).toBeLessThan(8000)
  })
})
