// Small planar helpers for generating demo points in lon/lat (fine at commune scale).
export type Ring = [number, number][]
export type MultiPolygonCoords = Ring[][]

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Even–odd point-in-polygon over a MultiPolygon (holes excluded). */
export function pointInMultiPolygon(x: number, y: number, mp: MultiPolygonCoords): boolean {
  return mp.some((poly) => inRing(x, y, poly[0]) && !poly.slice(1).some((hole) => inRing(x, y, hole)))
}

export function bbox(mp: MultiPolygonCoords): [number, number, number, number] {
  let [x0, y0, x1, y1] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ]
  for (const poly of mp)
    for (const [x, y] of poly[0]) {
      if (x < x0) x0 = x
      if (y < y0) y0 = y
      if (x > x1) x1 = x
      if (y > y1) y1 = y
    }
  return [x0, y0, x1, y1]
}

/** Squared distance in metres (equirectangular; good to <1 % over a few km at 22° N). */
export function dist2m(a: [number, number], b: [number, number]): number {
  const kx = 111_320 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180)
  const dx = (a[0] - b[0]) * kx
  const dy = (a[1] - b[1]) * 110_574
  return dx * dx + dy * dy
}
