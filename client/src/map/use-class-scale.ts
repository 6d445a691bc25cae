import type { MetricsRow } from '@antt/contract'
import { useMemo } from 'react'
import { METRICS } from '../metrics/catalog.ts'
import type { Classification } from '../state/atlas-state.ts'
import { buildClassScale, type ClassScale } from './class-scale.ts'

/** The palette in use: the user's choice, or the metric's default (red for bad, blue-green for good). */
export function paletteOf(c: Classification) {
  return c.palette ?? METRICS[c.metric].palette
}

/** Classifies the metric over the mapped units; shared by the map, the legend and the table. */
export function useClassScale(rows: readonly MetricsRow[] | undefined, c: Classification): ClassScale | null {
  return useMemo(() => {
    if (!rows) return null
    const values = rows.map((r) => r[c.metric])
    const suppressed = rows.filter((r) => r[c.metric] == null && r.incidents_suppressed).length
    const pal = paletteOf(c)
    try {
      return buildClassScale(values, {
        method: c.method,
        // stddev reads best on a diverging palette with an odd class count; the user can still change it
        k: c.k,
        palette: pal,
        breaks: c.breaks,
        locked: c.locked,
        suppressed,
        higherIsBetter: METRICS[c.metric].higherIsBetter,
      })
    } catch {
      return buildClassScale(values, { method: 'quantile', k: c.k, palette: pal, suppressed })
    }
  }, [rows, c])
}
