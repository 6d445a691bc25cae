// GeoJSON features as the seed handles them in Node before handing a selection to PostGIS.

export interface GeoFeature {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: { type: string; coordinates: unknown }
}

export const parseFeatures = (text: string): GeoFeature[] =>
  (JSON.parse(text) as { features: GeoFeature[] }).features

type Box = [number, number, number, number]

function extent(coords: unknown, box: Box = [Infinity, Infinity, -Infinity, -Infinity]): Box {
  if (Array.isArray(coords) && typeof coords[0] === 'number') {
    const [x, y] = coords as number[]
    box[0] = Math.min(box[0], x)
    box[1] = Math.min(box[1], y)
    box[2] = Math.max(box[2], x)
    box[3] = Math.max(box[3], y)
  } else if (Array.isArray(coords)) for (const c of coords) extent(c, box)
  return box
}

/**
 * The features whose bounding box comes within `reachDeg` degrees of the bounding box of `around`: a cheap
 * first cut, so that PostGIS sees tens of polygons rather than the whole country.
 */
export function nearby(features: GeoFeature[], around: GeoFeature[], reachDeg: number): GeoFeature[] {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity]
  for (const f of around) extent(f.geometry.coordinates, box)
  return features.filter((f) => {
    const b = extent(f.geometry.coordinates)
    return (
      b[0] <= box[2] + reachDeg &&
      b[2] >= box[0] - reachDeg &&
      b[1] <= box[3] + reachDeg &&
      b[3] >= box[1] - reachDeg
    )
  })
}
