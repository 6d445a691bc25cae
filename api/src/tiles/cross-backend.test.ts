// The server's ST_AsMVT tiles and the embedded database's Node-encoded tiles, side by side.
import type { Db } from '@antt/data/db'
import { closeTestDbs, openTestDb } from '@antt/data/testing'
import type { VectorTileFeature } from '@mapbox/vector-tile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TILE_LAYERS } from './layers.ts'
import { renderTile } from './render.ts'
import { decodeTile, featuresOf, LAO_CAI_WARD, tileAt } from './testing.ts'

const FILTERS = { from: '2025-07-01', to: '2026-06-30', categories: null }
const city = (z: number) => tileAt(LAO_CAI_WARD.lon, LAO_CAI_WARD.lat, z)
const CASES = [
  ...[...TILE_LAYERS.keys()].map((layer) => [layer, city(10)] as const),
  ['communes', city(7)] as const,
  ['incident_hex', city(8)] as const,
  ['villages', city(13)] as const,
  ['models', city(14)] as const,
]

function bbox(f: VectorTileFeature) {
  const pts = f.loadGeometry().flat()
  const xs = pts.map((p) => p.x)
  const ys = pts.map((p) => p.y)
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/** Features keyed by their properties (every layer's properties identify a feature, hexagons by count and place). */
function summary(bytes: Uint8Array, layer: string) {
  return featuresOf(decodeTile(bytes).layers[layer])
    .map((f) => ({ key: JSON.stringify(f.properties), type: f.type, bbox: bbox(f) }))
    .sort((a, b) => a.key.localeCompare(b.key) || a.bbox[0] - b.bbox[0] || a.bbox[1] - b.bbox[1])
}

describe.runIf(process.env.TEST_DATABASE_URL)(
  'tiles from the server (ST_AsMVT) and the embedded database (Node encoder)',
  () => {
    const dbs = {} as { embedded: Db; postgres: Db }
    beforeAll(async () => {
      dbs.embedded = await openTestDb('embedded')
      dbs.postgres = await openTestDb('postgres')
    })
    afterAll(closeTestDbs)

    it.each(CASES)('agree on the features and properties of %s at %o', async (id, at) => {
      const layer = TILE_LAYERS.get(id)!
      const server = summary(await renderTile(dbs.postgres, layer, at, FILTERS), id)
      const embedded = summary(await renderTile(dbs.embedded, layer, at, FILTERS), id)
      expect(embedded.map((f) => f.key)).toEqual(server.map((f) => f.key))
      expect(server.length).toBeGreaterThan(0)
      for (const [i, f] of embedded.entries()) {
        expect(f.type).toBe(server[i].type)
        // same geometry within a few tile units (1/4096 of the tile) after clipping and simplification
        for (const [k, v] of f.bbox.entries())
          expect(Math.abs(v - server[i].bbox[k]), `${f.key} bbox[${k}]`).toBeLessThanOrEqual(4)
      }
    })
  },
)
