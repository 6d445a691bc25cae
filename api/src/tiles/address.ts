import { badRequest } from '../http/errors.ts'
import type { TileLayer } from './layers.ts'
import type { TileAddress } from './tile-sql.ts'

const WHOLE = /^\d{1,7}$/

function whole(field: string, raw: string): number {
  if (!WHOLE.test(raw)) throw badRequest(field, 'expected a whole number (0 or more)')
  return Number(raw)
}

/** Reads z/x/y of `/tiles/{layer}/{z}/{x}/{y}.mvt` and checks them against the layer's zoom range. */
export function parseTileAddress(layer: TileLayer, raw: { z: string; x: string; y: string }): TileAddress {
  if (!raw.y.endsWith('.mvt')) throw badRequest('y', 'expected {y}.mvt, e.g. 446.mvt')
  const z = whole('z', raw.z)
  if (z < layer.minzoom || z > layer.maxzoom)
    throw badRequest('z', `must be between ${layer.minzoom} and ${layer.maxzoom} for layer ${layer.id}`)
  const max = 2 ** z - 1
  const x = whole('x', raw.x)
  if (x > max) throw badRequest('x', `must be between 0 and ${max} at zoom ${z}`)
  const y = whole('y', raw.y.slice(0, -4))
  if (y > max) throw badRequest('y', `must be between 0 and ${max} at zoom ${z}`)
  return { z, x, y }
}
