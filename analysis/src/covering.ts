/**
 * Facility location by covering: where to put p new sites so that the demand they newly cover is largest
 * (maximal covering location problem, Church & ReVelle 1974, "The maximal covering location problem",
 * Papers of the Regional Science Association 32, 101–118), and the fewest new sites that bring the covered
 * share of a target set of demand points up to a threshold (set covering, Toregas et al. 1971, "The location
 * of emergency service facilities", Operations Research 19(6), 1363–1373; here with a partial target).
 *
 * Everything is in index space: demand points 0…n−1, candidate sites 0…m−1, and the coverage of each site as
 * a list of point indices. The integer programs are written as sparse models (CSR rows) for any MIP solver
 * (the API hands them to HiGHS); the greedy heuristics and the bookkeeping are exact arithmetic here.
 *
 * MCLP:    max Σ_i w_i y_i   s.t.  y_i ≤ Σ_{j ∋ i} x_j,  Σ_j x_j ≤ p,  x_j ∈ {0, 1},  0 ≤ y_i ≤ 1
 * cover:   min Σ_j x_j       s.t.  y_i ≤ Σ_{j ∋ i} x_j,  Σ_{i ∈ S} y_i ≥ T,  x_j ∈ {0, 1},  0 ≤ y_i ≤ 1
 * y may stay continuous: with x integral, Σ x_j is an integer, so y_i ≤ min(1, Σ x_j) is 0 or 1 at the
 * optimum. Points already covered by existing sites, of weight 0, or reachable from no allowed site are
 * left out of the model (they cannot change the objective), so the model has one row per point that can.
 */

export interface CoverageInstance {
  /** Demand weight of each point (≥ 0). */
  readonly weights: readonly number[]
  /** For each candidate site, the indices of the points it would cover. */
  readonly covers: readonly (readonly number[])[]
  /** Points already covered by existing sites (their demand is never gained again). */
  readonly covered?: readonly boolean[]
}

export interface SiteLocks {
  /** Sites that must be chosen. */
  readonly include?: readonly number[]
  /** Sites that must not be chosen. */
  readonly exclude?: readonly number[]
}

/** A sparse linear model; rows in CSR form. Infinite bounds are ±Infinity. */
export interface LinearModel {
  readonly sense: 'maximize' | 'minimize'
  readonly numCols: number
  readonly numRows: number
  readonly colCost: number[]
  readonly colLower: number[]
  readonly colUpper: number[]
  /** 1 = integer column, 0 = continuous */
  readonly integrality: number[]
  readonly rowLower: number[]
  readonly rowUpper: number[]
  readonly matrix: { readonly start: number[]; readonly index: number[]; readonly value: number[] }
  /** Column j < siteColumns.length is the 0/1 choice of candidate siteColumns[j]; later columns are y_i. */
  readonly siteColumns: number[]
  /** Column siteColumns.length + k is y of demand point pointColumns[k]. */
  readonly pointColumns: number[]
}

export interface Selection {
  /** Chosen sites in the order of their marginal gain (largest first; locked-in sites first). */
  readonly sites: number[]
  /** Demand newly covered by each site, given the ones before it. */
  readonly gains: number[]
  /** Total demand newly covered: Σ gains. */
  readonly objective: number
}

const isCovered = (inst: CoverageInstance, i: number) => inst.covered?.[i] === true

function checkSites(inst: CoverageInstance, sites: readonly number[], what: string) {
  for (const j of sites)
    if (!(Number.isInteger(j) && j >= 0 && j < inst.covers.length))
      throw new RangeError(`${what}: site ${j} is not a candidate (0…${inst.covers.length - 1})`)
}

function checkLocks(inst: CoverageInstance, locks: SiteLocks) {
  checkSites(inst, locks.include ?? [], 'include')
  checkSites(inst, locks.exclude ?? [], 'exclude')
  const out = new Set(locks.exclude ?? [])
  const both = (locks.include ?? []).filter((j) => out.has(j))
  if (both.length) throw new RangeError(`sites ${both.join(', ')} are both included and excluded`)
}

/** Demand newly covered by a set of sites: Σ w_i over points covered by any of them and not already covered. */
export function newlyCoveredDemand(inst: CoverageInstance, sites: readonly number[]): number {
  checkSites(inst, sites, 'sites')
  const seen = new Set<number>()
  let total = 0
  for (const j of sites)
    for (const i of inst.covers[j])
      if (!seen.has(i) && !isCovered(inst, i)) {
        seen.add(i)
        total += inst.weights[i]
      }
  return total
}

/** Marginal gain of each site given what is covered (mutable set of covered points). */
function gainOf(inst: CoverageInstance, j: number, done: Set<number>): number {
  let g = 0
  for (const i of inst.covers[j]) if (!done.has(i) && !isCovered(inst, i)) g += inst.weights[i]
  return g
}

function take(inst: CoverageInstance, j: number, done: Set<number>) {
  for (const i of inst.covers[j]) done.add(i)
}

/**
 * Orders a set of sites by marginal gain: repeatedly the one that adds most to what the earlier ones cover
 * (ties: lower index first), so the first k of the list are the best k of the set in greedy order.
 * `first` sites (e.g. locked-in ones) are placed before the rest, themselves in that order.
 */
export function orderByMarginalGain(
  inst: CoverageInstance,
  sites: readonly number[],
  first: readonly number[] = [],
): Selection {
  checkSites(inst, sites, 'sites')
  const done = new Set<number>()
  const out: number[] = []
  const gains: number[] = []
  const pick = (pool: Set<number>) => {
    while (pool.size) {
      let best = -1
      let bestGain = Number.NEGATIVE_INFINITY
      for (const j of [...pool].sort((a, b) => a - b)) {
        const g = gainOf(inst, j, done)
        if (g > bestGain) {
          best = j
          bestGain = g
        }
      }
      pool.delete(best)
      out.push(best)
      gains.push(bestGain)
      take(inst, best, done)
    }
  }
  const set = new Set(sites)
  const head = first.filter((j) => set.has(j))
  const rest = [...set].filter((j) => !head.includes(j))
  pick(new Set(head))
  pick(new Set(rest))
  return { sites: out, gains, objective: gains.reduce((a, b) => a + b, 0) }
}

/**
 * Greedy maximal covering: the locked-in sites, then up to `count` sites in all, each time the allowed site
 * with the largest marginal gain (ties: lower index). Stops early when no site adds anything. The classical
 * heuristic; (1 − 1/e)-approximate for this submodular objective (Nemhauser, Wolsey & Fisher 1978).
 */
export function greedyMaxCover(inst: CoverageInstance, count: number, locks: SiteLocks = {}): Selection {
  checkLocks(inst, locks)
  const include = [...new Set(locks.include ?? [])]
  if (include.length > count) throw new RangeError(`${include.length} sites locked in but count is ${count}`)
  const excluded = new Set(locks.exclude ?? [])
  const ordered = orderByMarginalGain(inst, include, include)
  const done = new Set<number>()
  for (const j of include) take(inst, j, done)
  const sites = [...ordered.sites]
  const gains = [...ordered.gains]
  const chosen = new Set(sites)
  while (sites.length < count) {
    let best = -1
    let bestGain = 0
    for (let j = 0; j < inst.covers.length; j++) {
      if (chosen.has(j) || excluded.has(j)) continue
      const g = gainOf(inst, j, done)
      if (g > bestGain) {
        best = j
        bestGain = g
      }
    }
    if (best < 0) break
    sites.push(best)
    gains.push(bestGain)
    chosen.add(best)
    take(inst, best, done)
  }
  return { sites, gains, objective: gains.reduce((a, b) => a + b, 0) }
}

/** Points a model needs rows for: not already covered, within `keep`, and reachable from an allowed site. */
function modelPoints(inst: CoverageInstance, allowed: readonly number[], keep: (i: number) => boolean) {
  const reach = new Map<number, number[]>()
  allowed.forEach((j, col) => {
    for (const i of inst.covers[j]) {
      if (isCovered(inst, i) || !keep(i)) continue
      const list = reach.get(i)
      if (list) {
        if (list[list.length - 1] !== col) list.push(col)
      } else reach.set(i, [col])
    }
  })
  return [...reach.keys()].sort((a, b) => a - b).map((i) => ({ i, cols: reach.get(i) as number[] }))
}

function allowedSites(inst: CoverageInstance, locks: SiteLocks) {
  checkLocks(inst, locks)
  const excluded = new Set(locks.exclude ?? [])
  return inst.covers.map((_, j) => j).filter((j) => !excluded.has(j))
}

/** Shared body of both models: x columns, y columns, one linking row per point, then `extra` rows. */
function coveringModel(
  inst: CoverageInstance,
  locks: SiteLocks,
  keep: (i: number) => boolean,
  objective: { sites: number; point: (i: number) => number },
  sense: LinearModel['sense'],
  extra: (m: {
    nx: number
    points: number[]
  }) => { cols: number[]; value: number[]; lo: number; hi: number }[],
): LinearModel {
  const allowed = allowedSites(inst, locks)
  const included = new Set(locks.include ?? [])
  const pts = modelPoints(inst, allowed, keep)
  const nx = allowed.length
  const numCols = nx + pts.length
  const start = [0]
  const index: number[] = []
  const value: number[] = []
  const rowLower: number[] = []
  const rowUpper: number[] = []
  // y_i − Σ_{j ∋ i} x_j ≤ 0
  pts.forEach(({ cols }, k) => {
    index.push(nx + k, ...cols)
    value.push(1, ...cols.map(() => -1))
    start.push(index.length)
    rowLower.push(Number.NEGATIVE_INFINITY)
    rowUpper.push(0)
  })
  for (const row of extra({ nx, points: pts.map((p) => p.i) })) {
    index.push(...row.cols)
    value.push(...row.value)
    start.push(index.length)
    rowLower.push(row.lo)
    rowUpper.push(row.hi)
  }
  return {
    sense,
    numCols,
    numRows: rowLower.length,
    colCost: [...allowed.map(() => objective.sites), ...pts.map((p) => objective.point(p.i))],
    colLower: [...allowed.map((j) => (included.has(j) ? 1 : 0)), ...pts.map(() => 0)],
    colUpper: Array(numCols).fill(1),
    integrality: [...allowed.map(() => 1), ...pts.map(() => 0)],
    rowLower,
    rowUpper,
    matrix: { start, index, value },
    siteColumns: allowed,
    pointColumns: pts.map((p) => p.i),
  }
}

/** The maximal covering model for at most `count` new sites (locks as column bounds). */
export function maxCoverModel(inst: CoverageInstance, count: number, locks: SiteLocks = {}): LinearModel {
  if (!(Number.isInteger(count) && count >= 0))
    throw new RangeError(`count must be a whole number, got ${count}`)
  if (new Set(locks.include ?? []).size > count)
    throw new RangeError(`${new Set(locks.include).size} sites locked in but count is ${count}`)
  return coveringModel(
    inst,
    locks,
    (i) => inst.weights[i] > 0,
    { sites: 0, point: (i) => inst.weights[i] },
    'maximize',
    ({ nx }) => [
      {
        cols: Array.from({ length: nx }, (_, j) => j),
        value: Array(nx).fill(1),
        lo: Number.NEGATIVE_INFINITY,
        hi: count,
      },
    ],
  )
}

export interface CoverTarget {
  /** The points whose coverage counts (e.g. the border villages). */
  readonly target: readonly number[]
  /** Share of the target points to be covered, existing coverage included, in [0, 1]. */
  readonly share: number
}

/**
 * How many more target points must be newly covered: ⌈share · |S|⌉ minus those already covered
 * (a tolerance of 1e-9 keeps 0.7 · 10 at 7); 0 when the target is already met.
 */
export function coverShortfall(inst: CoverageInstance, goal: CoverTarget): number {
  if (!(goal.share >= 0 && goal.share <= 1))
    throw new RangeError(`share must be in [0, 1], got ${goal.share}`)
  const target = [...new Set(goal.target)]
  const need = Math.ceil(goal.share * target.length - 1e-9)
  const already = target.filter((i) => isCovered(inst, i)).length
  return Math.max(0, need - already)
}

/**
 * Largest number of target points the allowed sites can newly cover together (every allowed site built):
 * if this is below the shortfall, the target cannot be reached.
 */
export function reachableTargetPoints(inst: CoverageInstance, goal: CoverTarget, locks: SiteLocks = {}) {
  const targetSet = new Set(goal.target)
  return modelPoints(inst, allowedSites(inst, locks), (i) => targetSet.has(i)).length
}

/**
 * The set covering model: fewest new sites such that at least the shortfall of target points is newly
 * covered (locks as column bounds). Infeasible when the allowed sites cannot reach that many.
 */
export function setCoverModel(inst: CoverageInstance, goal: CoverTarget, locks: SiteLocks = {}): LinearModel {
  const targetSet = new Set(goal.target)
  const shortfall = coverShortfall(inst, goal)
  return coveringModel(
    inst,
    locks,
    (i) => targetSet.has(i),
    { sites: 1, point: () => 0 },
    'minimize',
    ({ nx, points }) => [
      {
        cols: points.map((_, k) => nx + k),
        value: points.map(() => 1),
        lo: shortfall,
        hi: Number.POSITIVE_INFINITY,
      },
    ],
  )
}

/**
 * Greedy set covering: the locked-in sites, then each time the allowed site that newly covers most target
 * points, until the shortfall is met. null when it cannot be met.
 */
export function greedySetCover(
  inst: CoverageInstance,
  goal: CoverTarget,
  locks: SiteLocks = {},
): Selection | null {
  const unit: CoverageInstance = {
    weights: inst.weights.map(() => 0),
    covers: inst.covers,
    covered: inst.covered,
  }
  const weights = unit.weights as number[]
  for (const i of new Set(goal.target)) weights[i] = 1
  const shortfall = coverShortfall(inst, goal)
  if (reachableTargetPoints(inst, goal, locks) < shortfall) return null
  const all = greedyMaxCover(unit, inst.covers.length, locks)
  let reached = 0
  let k = 0
  const minimum = new Set(locks.include ?? []).size
  while (k < all.sites.length && (reached < shortfall || k < minimum)) {
    reached += all.gains[k]
    k++
  }
  return { sites: all.sites.slice(0, k), gains: all.gains.slice(0, k), objective: reached }
}

/** The sites a solved model chose (column value above ½). */
export function chosenSites(model: LinearModel, colValue: ArrayLike<number>): number[] {
  return model.siteColumns.filter((_, col) => colValue[col] > 0.5)
}

/** A full column vector for a selection (x and the y it implies), e.g. as a MIP start. */
export function modelStart(inst: CoverageInstance, model: LinearModel, sites: readonly number[]): number[] {
  const chosen = new Set(sites)
  const reached = new Set<number>()
  for (const j of sites) for (const i of inst.covers[j]) reached.add(i)
  return [
    ...model.siteColumns.map((j) => (chosen.has(j) ? 1 : 0)),
    ...model.pointColumns.map((i) => (reached.has(i) ? 1 : 0)),
  ]
}

export interface SiteReason {
  site: number
  /** Points it newly covers (not already covered), whoever else covers them. */
  newly: number[]
  /** Of those, the points no other chosen site covers: what would be lost without it. */
  only: number[]
  /** Demand of `only`. */
  onlyDemand: number
}

/** Why each chosen site is there: what it newly covers, and what it alone covers among the chosen. */
export function siteReasons(inst: CoverageInstance, sites: readonly number[]): SiteReason[] {
  checkSites(inst, sites, 'sites')
  const times = new Map<number, number>()
  for (const j of new Set(sites))
    for (const i of new Set(inst.covers[j])) times.set(i, (times.get(i) ?? 0) + 1)
  return sites.map((j) => {
    const newly = [...new Set(inst.covers[j])].filter((i) => !isCovered(inst, i)).sort((a, b) => a - b)
    const only = newly.filter((i) => times.get(i) === 1)
    return { site: j, newly, only, onlyDemand: only.reduce((s, i) => s + inst.weights[i], 0) }
  })
}
