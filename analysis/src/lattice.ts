/**
 * Regular-lattice weights for tests and demos, like libpysal's `lat2W`:
 * units are numbered row-major from 0 and the ids are those numbers as strings.
 */

import { type SpatialWeights, weightsFromIndexLists } from './weights.ts'

function grid(rows: number, cols: number, queen: boolean): SpatialWeights {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0)) {
    throw new RangeError('rows and cols must be positive integers')
  }
  const lists: number[][] = []
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const list: number[] = []
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if (dr === 0 && dc === 0) continue
          if (!queen && dr !== 0 && dc !== 0) continue
          const rr = r + dr
          const cc = c + dc
          if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) list.push(rr * cols + cc)
        }
      }
      lists.push(list)
    }
  }
  return weightsFromIndexLists(
    lists.map((_, i) => String(i)),
    lists,
  )
}

/** Rook contiguity (shared edge) on a rows × cols grid. */
export function rookLattice(rows: number, cols: number): SpatialWeights {
  return grid(rows, cols, false)
}

/** Queen contiguity (shared edge or corner) on a rows × cols grid. */
export function queenLattice(rows: number, cols: number): SpatialWeights {
  return grid(rows, cols, true)
}

/** n units in a line, each touching the previous and next. */
export function lineLattice(n: number): SpatialWeights {
  return grid(1, n, false)
}
