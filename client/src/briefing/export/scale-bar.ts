/** Scale bar and representative fraction for a Web Mercator map. */

/** Earth's equatorial circumference in metres (WGS 84), as MapLibre uses it. */
const EARTH_CIRCUMFERENCE = 40_075_016.686
const METRES_PER_PT = 0.0254 / 72

/** Ground metres per CSS pixel at `lat` and `zoom` (MapLibre's 512-pixel world at zoom 0). */
export function metresPerCssPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** zoom)
}

export interface ScaleBar {
  /** ground length of the whole bar, metres */
  metres: number
  /** drawn length, in the unit of `maxLength` */
  length: number
  /** number of alternating segments */
  segments: number
  /** "0", "10", … "50": one label per segment boundary, in `unit` */
  ticks: string[]
  unit: 'm' | 'km'
}

/**
 * The longest round bar (1, 2 or 5 × 10ⁿ m) no longer than `maxLength` drawing units, given the ground
 * metres per drawing unit; ticks in m below 1 km, else km.
 */
export function niceScaleBar(
  metresPerUnit: number,
  maxLength: number,
  formatNumber: (v: number) => string,
): ScaleBar {
  const maxMetres = metresPerUnit * maxLength
  const pow = 10 ** Math.floor(Math.log10(maxMetres))
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= maxMetres) ?? pow
  const segments = metres / pow === 5 ? 5 : 4
  const unit = metres >= 1000 ? 'km' : 'm'
  const ticks = Array.from({ length: segments + 1 }, (_, i) => {
    const v = (metres * i) / segments
    return formatNumber(unit === 'km' ? v / 1000 : v)
  })
  return { metres, length: metres / metresPerUnit, segments, ticks, unit }
}

/** The representative fraction N of "1 : N" for a printed map, to three significant figures. */
export function representativeFraction(metresPerPt: number): number {
  const n = metresPerPt / METRES_PER_PT
  const mag = 10 ** (Math.floor(Math.log10(n)) - 2)
  return Math.round(n / mag) * mag
}
