import type { HotspotRow } from '@antt/contract'

/** Significance level of the statement under the hot-spot legend (95 % confidence). */
export const ALPHA = 0.05

/**
 * How many units are significant at 95 % with and without the false-discovery-rate adjustment
 * (Benjamini & Hochberg 1995), for the Gi* or the local Moran view: the legend says so when the adjusted
 * map is all grey.
 */
export function significantCounts(
  rows: readonly HotspotRow[],
  view: 'gi' | 'lisa',
): { raw: number; adjusted: number } {
  let raw = 0
  let adjusted = 0
  for (const r of rows) {
    const [p, q] = view === 'gi' ? [r.gi_p, r.gi_p_fdr] : [r.lisa_p, r.lisa_p_fdr]
    if (view === 'lisa' && !r.lisa_quadrant) continue
    if (p !== null && p < ALPHA) raw++
    if (q !== null && q < ALPHA) adjusted++
  }
  return { raw, adjusted }
}
