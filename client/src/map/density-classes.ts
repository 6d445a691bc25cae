import { classBreaks, classIndex, palette } from '@antt/analysis'
import { NO_DATA_FILL, type Rgba, rgba } from './colors.ts'
import type { DensityCell } from './layers/incident-density.ts'

/** Hexagon edge for the density layer in metres, finer as the map zooms in (one request per step). */
export function hexResolution(zoom: number): number {
  return zoom >= 11 ? 500 : zoom >= 9.5 ? 1000 : 2000
}

export interface HexClasses {
  breaks: number[]
  colors: string[]
}

/** Hexagon classes: quantiles of the counts that are shown (suppressed cells are null), on YlOrRd. */
export function hexClasses(counts: readonly (number | null)[]): HexClasses {
  const shown = counts.filter((c): c is number => c !== null)
  const breaks = shown.length ? classBreaks(shown, 'quantile', 5) : []
  return { breaks, colors: breaks.length ? palette('YlOrRd', breaks.length) : [] }
}

/** Light grey for a suppressed cell (its count withheld). */
export const SUPPRESSED_HEX: Rgba = [170, 170, 170, 150]

/** The fill of a hexagon by its count. */
export function hexFill(hex: HexClasses, count: number | null): Rgba {
  if (count === null) return SUPPRESSED_HEX
  const i = classIndex(count, hex.breaks)
  return i < 0 ? NO_DATA_FILL : rgba(hex.colors[i], 255)
}

/** Village incident counts as weighted points for the heat map; villages without incidents left out. */
export function weightedVillages(
  villages: readonly { code: string; lon: number; lat: number }[],
  counts: readonly { code: string; count: number | null }[],
): DensityCell[] {
  const byCode = new Map(counts.map((r) => [r.code, r.count ?? 0]))
  return villages
    .map((v) => ({ lon: v.lon, lat: v.lat, count: byCode.get(v.code) ?? 0 }))
    .filter((d) => d.count > 0)
}
