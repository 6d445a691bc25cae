import { describe, expect, it } from 'vitest'
import {
  asymmetricPairs,
  cardinalities,
  islands,
  isSymmetric,
  rowStandardise,
  spatialLag,
  subsetWeights,
  symmetrise,
  toNeighbourMap,
  weightsFromIndexLists,
  weightsFromNeighbours,
  withoutSelf,
  withSelf,
} from './weights.ts'

const map = new Map<string, string[]>([
  ['a', ['b', 'c']],
  ['b', ['a']],
  ['c', ['a']],
  ['d', []],
])

describe('weights', () => {
  it('builds binary CSR weights from a neighbour map', () => {
    const w = weightsFromNeighbours(map)
    expect(w.ids).toEqual(['a', 'b', 'c', 'd'])
    expect(Array.from(w.offsets)).toEqual([0, 2, 3, 4, 4])
    expect(Array.from(w.neighbours)).toEqual([1, 2, 0, 0])
    expect(Array.from(w.weights)).toEqual([1, 1, 1, 1])
  })

  it('accepts a plain object as neighbour map', () => {
    const w = weightsFromNeighbours({ x: ['y'], y: ['x'] })
    expect(toNeighbourMap(w)).toEqual(
      new Map([
        ['x', ['y']],
        ['y', ['x']],
      ]),
    )
  })

  it('drops self-references and duplicate neighbours', () => {
    const w = weightsFromNeighbours({ a: ['a', 'b', 'b'], b: ['a'] })
    expect(Array.from(cardinalities(w))).toEqual([1, 1])
  })

  it('rejects a neighbour that is not a unit', () => {
    expect(() => weightsFromNeighbours({ a: ['zz'] })).toThrow(/zz/)
  })

  it('restricts to the given ids, dropping links to other units', () => {
    const w = weightsFromNeighbours(map, { ids: ['c', 'a'] })
    expect(toNeighbourMap(w)).toEqual(
      new Map([
        ['c', ['a']],
        ['a', ['c']],
      ]),
    )
  })

  it('lists units without neighbours as islands', () => {
    expect(islands(weightsFromNeighbours(map))).toEqual(['d'])
  })

  it('makes every non-island row sum to one when row-standardised', () => {
    const w = rowStandardise(weightsFromNeighbours(map))
    expect(Array.from(w.weights)).toEqual([0.5, 0.5, 1, 1])
  })

  it('adds a unit weight on the diagonal for Gi*', () => {
    const w = withSelf(weightsFromNeighbours(map))
    expect(toNeighbourMap(w).get('d')).toEqual([])
    expect(Array.from(w.neighbours.slice(w.offsets[3], w.offsets[4]))).toEqual([3])
    expect(Array.from(cardinalities(w))).toEqual([2, 1, 1, 0])
  })

  it('removes the diagonal again with withoutSelf', () => {
    const w = withoutSelf(withSelf(weightsFromNeighbours(map)))
    expect(Array.from(w.neighbours)).toEqual([1, 2, 0, 0])
  })

  it('recognises symmetric contiguity', () => {
    expect(isSymmetric(weightsFromNeighbours(map))).toBe(true)
  })

  it('reports one-sided links as asymmetric pairs', () => {
    const w = weightsFromNeighbours({ a: ['b', 'c'], b: [], c: ['a'] })
    expect(asymmetricPairs(w)).toEqual([['a', 'b']])
  })

  it('symmetrises one-sided links', () => {
    const w = symmetrise(weightsFromNeighbours({ a: ['b'], b: [] }))
    expect(isSymmetric(w)).toBe(true)
    expect(toNeighbourMap(w).get('b')).toEqual(['a'])
  })

  it('treats row-standardised weights of unequal rows as asymmetric', () => {
    expect(isSymmetric(rowStandardise(weightsFromNeighbours(map)))).toBe(false)
  })

  it('keeps links among the kept units when subsetting', () => {
    const w = subsetWeights(weightsFromNeighbours(map), ['a', 'b', 'd'])
    expect(toNeighbourMap(w)).toEqual(
      new Map([
        ['a', ['b']],
        ['b', ['a']],
        ['d', []],
      ]),
    )
  })

  it('computes the spatial lag Σ_j w_ij x_j', () => {
    const w = weightsFromIndexLists(['0', '1', '2'], [[1, 2], [0], [0]])
    expect(Array.from(spatialLag(w, [1, 10, 100]))).toEqual([110, 1, 1])
  })

  it('rejects duplicate ids', () => {
    expect(() => weightsFromIndexLists(['a', 'a'], [[], []])).toThrow(/duplicate/)
  })
})
