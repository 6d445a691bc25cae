/**
 * Spatial weights in compressed sparse row (CSR) form over string ids.
 *
 * Row i's neighbours are `neighbours[offsets[i] .. offsets[i+1])` (unit indices,
 * ascending) with weights `weights[...]` at the same positions. Builders make
 * binary weights (w_ij = 1) without self-neighbours; `withSelf`,
 * `rowStandardise` and friends return new objects (weights are never mutated).
 */

export interface SpatialWeights {
  readonly ids: readonly string[]
  readonly offsets: Int32Array
  readonly neighbours: Int32Array
  readonly weights: Float64Array
}

export type NeighbourMap =
  | ReadonlyMap<string, readonly string[]>
  | Readonly<Record<string, readonly string[]>>

type Row = Array<[number, number]>

function fromRows(ids: readonly string[], rows: readonly Row[]): SpatialWeights {
  const n = ids.length
  const offsets = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + rows[i].length
  const neighbours = new Int32Array(offsets[n])
  const weights = new Float64Array(offsets[n])
  for (let i = 0; i < n; i++) {
    const row = [...rows[i]].sort((a, b) => a[0] - b[0])
    for (let k = 0; k < row.length; k++) {
      neighbours[offsets[i] + k] = row[k][0]
      weights[offsets[i] + k] = row[k][1]
    }
  }
  return { ids: [...ids], offsets, neighbours, weights }
}

function toRows(w: SpatialWeights): Row[] {
  const rows: Row[] = []
  for (let i = 0; i < w.ids.length; i++) {
    const row: Row = []
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) row.push([w.neighbours[k], w.weights[k]])
    rows.push(row)
  }
  return rows
}

function indexIds(ids: readonly string[]): Map<string, number> {
  const index = new Map<string, number>()
  ids.forEach((id, i) => {
    if (index.has(id)) throw new Error(`duplicate id '${id}'`)
    index.set(id, i)
  })
  return index
}

function entries(map: NeighbourMap): Array<[string, readonly string[]]> {
  return map instanceof Map ? [...map.entries()] : Object.entries(map as Record<string, readonly string[]>)
}

/**
 * Binary weights from a neighbour map (e.g. polygon contiguity computed in
 * PostGIS). Self-references and duplicates are dropped.
 *
 * Without `opts.ids` the units are the map's keys in order and a neighbour id
 * that is not a key is an error. With `opts.ids` the units are exactly those
 * ids (missing keys become islands) and anything outside them is dropped: that
 * is how to restrict the weights to units with data.
 */
export function weightsFromNeighbours(
  neighbours: NeighbourMap,
  opts: { ids?: readonly string[] } = {},
): SpatialWeights {
  const list = entries(neighbours)
  const ids = opts.ids ?? list.map(([id]) => id)
  const index = indexIds(ids)
  const rows: Row[] = ids.map(() => [])
  const seen = ids.map(() => new Set<number>())
  for (const [id, nbrs] of list) {
    const i = index.get(id)
    if (i === undefined) continue // only possible with opts.ids
    for (const nb of nbrs) {
      const j = index.get(nb)
      if (j === undefined) {
        if (opts.ids) continue
        throw new Error(`neighbour '${nb}' of '${id}' is not a unit`)
      }
      if (j === i || seen[i].has(j)) continue
      seen[i].add(j)
      rows[i].push([j, 1])
    }
  }
  return fromRows(ids, rows)
}

/** Binary weights from adjacency lists of unit indices (same rules as above). */
export function weightsFromIndexLists(
  ids: readonly string[],
  lists: readonly (readonly number[])[],
): SpatialWeights {
  if (lists.length !== ids.length) throw new Error('one adjacency list per id is required')
  indexIds(ids)
  const rows: Row[] = lists.map((list, i) => {
    const uniq = new Set<number>()
    for (const j of list) {
      if (!(Number.isInteger(j) && j >= 0 && j < ids.length))
        throw new Error(`bad neighbour index ${j} for unit ${i}`)
      if (j !== i) uniq.add(j)
    }
    return [...uniq].map((j): [number, number] => [j, 1])
  })
  return fromRows(ids, rows)
}

export function toNeighbourMap(w: SpatialWeights): Map<string, string[]> {
  const out = new Map<string, string[]>()
  w.ids.forEach((id, i) => {
    const nbrs: string[] = []
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++)
      if (w.neighbours[k] !== i) nbrs.push(w.ids[w.neighbours[k]])
    out.set(id, nbrs)
  })
  return out
}

/** Number of neighbours of each unit, not counting itself. */
export function cardinalities(w: SpatialWeights): Int32Array {
  const n = w.ids.length
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++)
      if (w.neighbours[k] !== i && w.weights[k] !== 0) out[i]++
  }
  return out
}

/** Ids of units with no neighbour other than themselves. */
export function islands(w: SpatialWeights): string[] {
  const card = cardinalities(w)
  return w.ids.filter((_, i) => card[i] === 0)
}

/** Each row divided by its sum, so Σ_j w_ij = 1 (islands stay empty). */
export function rowStandardise(w: SpatialWeights): SpatialWeights {
  const weights = new Float64Array(w.weights.length)
  for (let i = 0; i < w.ids.length; i++) {
    let s = 0
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) s += w.weights[k]
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) weights[k] = s === 0 ? 0 : w.weights[k] / s
  }
  return { ids: w.ids, offsets: w.offsets, neighbours: w.neighbours, weights }
}

/** Adds w_ii = selfWeight to every row (replacing any existing self weight): the "star" weights of Gi*. */
export function withSelf(w: SpatialWeights, selfWeight = 1): SpatialWeights {
  const rows = toRows(w).map((row, i) => {
    const others = row.filter(([j]) => j !== i)
    others.push([i, selfWeight])
    return others
  })
  return fromRows(w.ids, rows)
}

/** Drops every w_ii. */
export function withoutSelf(w: SpatialWeights): SpatialWeights {
  return fromRows(
    w.ids,
    toRows(w).map((row, i) => row.filter(([j]) => j !== i)),
  )
}

function weightOf(w: SpatialWeights, i: number, j: number): number {
  // Rows are sorted, so binary search.
  let lo = w.offsets[i]
  let hi = w.offsets[i + 1] - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = w.neighbours[mid]
    if (v === j) return w.weights[mid]
    if (v < j) lo = mid + 1
    else hi = mid - 1
  }
  return 0
}

/** Pairs [i, j] (ids, each listed once with i before j in unit order) where w_ij ≠ w_ji beyond `tol`. */
export function asymmetricPairs(w: SpatialWeights, tol = 1e-12): Array<[string, string]> {
  const out: Array<[string, string]> = []
  const seen = new Set<string>()
  for (let i = 0; i < w.ids.length; i++) {
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      const j = w.neighbours[k]
      if (Math.abs(w.weights[k] - weightOf(w, j, i)) <= tol) continue
      const a = Math.min(i, j)
      const b = Math.max(i, j)
      const key = `${a},${b}`
      if (!seen.has(key)) {
        seen.add(key)
        out.push([w.ids[a], w.ids[b]])
      }
    }
  }
  return out
}

export function isSymmetric(w: SpatialWeights, tol = 1e-12): boolean {
  return asymmetricPairs(w, tol).length === 0
}

/** w_ij = w_ji = max(w_ij, w_ji): turns one-sided contiguity into a symmetric relation. */
export function symmetrise(w: SpatialWeights): SpatialWeights {
  const maps = w.ids.map(() => new Map<number, number>())
  for (let i = 0; i < w.ids.length; i++) {
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      const j = w.neighbours[k]
      const v = w.weights[k]
      maps[i].set(j, Math.max(maps[i].get(j) ?? Number.NEGATIVE_INFINITY, v))
      maps[j].set(i, Math.max(maps[j].get(i) ?? Number.NEGATIVE_INFINITY, v))
    }
  }
  return fromRows(
    w.ids,
    maps.map((m) => [...m.entries()]),
  )
}

/** The units in `keep` (in the original order) and the links among them. */
export function subsetWeights(w: SpatialWeights, keep: Iterable<string>): SpatialWeights {
  const keepSet = new Set(keep)
  const oldToNew = new Int32Array(w.ids.length).fill(-1)
  const ids: string[] = []
  w.ids.forEach((id, i) => {
    if (keepSet.has(id)) {
      oldToNew[i] = ids.length
      ids.push(id)
    }
  })
  const rows: Row[] = []
  for (let i = 0; i < w.ids.length; i++) {
    if (oldToNew[i] < 0) continue
    const row: Row = []
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) {
      const j = oldToNew[w.neighbours[k]]
      if (j >= 0) row.push([j, w.weights[k]])
    }
    rows.push(row)
  }
  return fromRows(ids, rows)
}

/** Spatial lag Σ_j w_ij x_j for every unit. */
export function spatialLag(w: SpatialWeights, x: ArrayLike<number>): Float64Array {
  const n = w.ids.length
  if (x.length !== n) throw new Error(`expected ${n} values, got ${x.length}`)
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let k = w.offsets[i]; k < w.offsets[i + 1]; k++) s += w.weights[k] * x[w.neighbours[k]]
    out[i] = s
  }
  return out
}
