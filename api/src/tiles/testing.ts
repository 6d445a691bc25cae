// Helpers for the tile tests: tile numbers of a place, decoding, and the province's bounding box.
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile'
import Pbf from 'pbf'

/** Slippy-map tile containing lon/lat at zoom z (OSM wiki, "Slippy map tilenames"). */
export function tileAt(lon: number, lat: number, z: number) {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  }
}

/** Phường Lào Cai (02647), the provincial capital by the border gate. */
export const LAO_CAI_WARD = Object.freeze({ code: '02647', lon: 103.97, lat: 22.49 })
/** Approximate extent of the province (lon/lat), with room for the clip buffer. */
export const PROVINCE_BBOX = Object.freeze([103.5, 21.3, 105.12, 22.87])

export const decodeTile = (bytes: Uint8Array) => new VectorTile(new Pbf(bytes))

export function featuresOf(layer: VectorTileLayer | undefined) {
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i))
}
