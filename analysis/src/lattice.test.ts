import { describe, expect, it } from 'vitest'
import { lineLattice, queenLattice, rookLattice } from './lattice.ts'
import { cardinalities, isSymmetric, toNeighbourMap } from './weights.ts'

describe('lattice', () => {
  it('gives rook corners 2, edges 3 and the centre 4 neighbours on a 3×3 grid', () => {
    expect(Array.from(cardinalities(rookLattice(3, 3)))).toEqual([2, 3, 2, 3, 4, 3, 2, 3, 2])
  })

  it('gives queen corners 3, edges 5 and the centre 8 neighbours on a 3×3 grid', () => {
    expect(Array.from(cardinalities(queenLattice(3, 3)))).toEqual([3, 5, 3, 5, 8, 5, 3, 5, 3])
  })

  it('numbers units row-major like libpysal lat2W', () => {
    expect(toNeighbourMap(rookLattice(2, 3)).get('1')).toEqual(['0', '2', '4'])
  })

  it('links each unit of a line to its predecessor and successor', () => {
    expect(toNeighbourMap(lineLattice(3))).toEqual(
      new Map([
        ['0', ['1']],
        ['1', ['0', '2']],
        ['2', ['1']],
      ]),
    )
  })

  it('produces symmetric weights', () => {
    expect(isSymmetric(queenLattice(4, 5))).toBe(true)
  })
})
