/**
 * Benjamini & Hochberg (1995) false-discovery-rate adjusted p-values, as R's
 * `p.adjust(p, "BH")`: p_adj(i) = min over j ≥ rank(i) of min(1, p_(j) · m / j).
 * NaN (and other non-finite) entries are "not tested": they stay NaN and do not
 * count in m, like R with NA.
 */
export function bhAdjust(p: readonly number[]): number[] {
  const out = new Array<number>(p.length).fill(Number.NaN)
  const idx: number[] = []
  for (let i = 0; i < p.length; i++) {
    const v = p[i]
    if (Number.isFinite(v)) {
      if (v < 0 || v > 1) throw new RangeError(`p-values must be in [0, 1], got ${v} at ${i}`)
      idx.push(i)
    }
  }
  const m = idx.length
  idx.sort((a, b) => p[a] - p[b])
  let running = 1
  for (let r = m; r >= 1; r--) {
    const i = idx[r - 1]
    running = Math.min(running, (p[i] * m) / r)
    out[i] = running
  }
  return out
}
