import { VectorTile } from '@mapbox/vector-tile'
import Pbf from 'pbf'
import { describe, expect, it } from 'vitest'
import { encodeTile, ringArea, type TileFeature } from './mvt-encode.ts'

const decode = (bytes: Uint8Array) => new VectorTile(new Pbf(bytes))
const coords = (tile: VectorTile, layer: string, i: number) =>
  tile.layers[layer]
    .feature(i)
    .loadGeometry()
    .map((ring) => ring.map((p) => [p.x, p.y]))

const square = (x0: number, y0: number, size: number) => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
]

describe('the MVT encoder', () => {
  it('round-trips a point, a line and a polygon with a hole through @mapbox/vector-tile', () => {
    const features: TileFeature[] = [
      { properties: { code: 'p1', n: 7 }, geometry: { type: 'Point', coordinates: [100, 200] } },
      {
        properties: { code: 'l1' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [10, 5],
            [4000, 4096],
          ],
        },
      },
      {
        properties: { code: 'a1', border: true },
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 1000), square(200, 200, 100)] },
      },
    ]
    const tile = decode(encodeTile([{ name: 'things', features }]))
    const layer = tile.layers.things
    expect(layer).toMatchObject({ version: 2, extent: 4096, length: 3 })
    expect(layer.feature(0).type).toBe(1)
    expect(coords(tile, 'things', 0)).toEqual([[[100, 200]]])
    expect(layer.feature(1).type).toBe(2)
    expect(coords(tile, 'things', 1)).toEqual([
      [
        [0, 0],
        [10, 5],
        [4000, 4096],
      ],
    ])
    const polygon = layer.feature(2)
    expect(polygon.type).toBe(3)
    expect(polygon.properties).toEqual({ code: 'a1', border: true })
    const rings = coords(tile, 'things', 2)
    expect(rings).toHaveLength(2)
    // decoded rings come back closed; the exterior is clockwise on screen, the hole counter-clockwise (spec 4.3.4.4)
    expect(ringArea(rings[0])).toBeGreaterThan(0)
    expect(ringArea(rings[1])).toBeLessThan(0)
    expect(Math.abs(ringArea(rings[0])) / 2).toBe(1000 * 1000)
    expect(polygon.toGeoJSON(0, 0, 0).geometry.type).toBe('Polygon')
  })

  it('writes multi-part geometries as one feature with a shared cursor', () => {
    const tile = decode(
      encodeTile([
        {
          name: 'multi',
          features: [
            {
              properties: {},
              geometry: {
                type: 'MultiPoint',
                coordinates: [
                  [1, 1],
                  [3000, 20],
                ],
              },
            },
            {
              properties: {},
              geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 10)], [square(50, 50, 10)]] },
            },
          ],
        },
      ]),
    )
    expect(coords(tile, 'multi', 0)).toEqual([[[1, 1]], [[3000, 20]]])
    expect(coords(tile, 'multi', 1)[1][0]).toEqual([50, 50])
    expect(tile.layers.multi.feature(1).toGeoJSON(0, 0, 0).geometry.type).toBe('MultiPolygon')
  })

  it('encodes strings, integers, negative integers, doubles and booleans and leaves nulls out', () => {
    const props = { s: 'Lào Cai', u: 12_345, neg: -3, d: 0.25, b: false, missing: null }
    const tile = decode(
      encodeTile([
        { name: 'v', features: [{ properties: props, geometry: { type: 'Point', coordinates: [1, 2] } }] },
      ]),
    )
    expect(tile.layers.v.feature(0).properties).toEqual({
      s: 'Lào Cai',
      u: 12_345,
      neg: -3,
      d: 0.25,
      b: false,
    })
  })

  it('stores each key and value once per layer', () => {
    const point = { type: 'Point' as const, coordinates: [1, 1] }
    const features = Array.from({ length: 10 }, () => ({ properties: { kind: 'marker' }, geometry: point }))
    const bytes = encodeTile([{ name: 'v', features }])
    const text = Buffer.from(bytes).toString('latin1')
    expect(text.split('marker').length - 1).toBe(1)
    expect(text.split('kind').length - 1).toBe(1)
    expect(decode(bytes).layers.v.feature(9).properties).toEqual({ kind: 'marker' })
  })

  it('rewinds rings given in the GeoJSON (y-up) orientation and drops collapsed rings and repeated points', () => {
    const ccwOnScreen = [
      [0, 0],
      [0, 100],
      [100, 100],
      [100, 0],
      [0, 0],
    ]
    const tile = decode(
      encodeTile([
        {
          name: 'w',
          features: [
            {
              properties: {},
              geometry: {
                type: 'Polygon',
                coordinates: [
                  ccwOnScreen,
                  [
                    [5, 5],
                    [5, 5],
                    [6, 5],
                    [5, 5],
                  ],
                ],
              },
            },
            {
              properties: {},
              geometry: {
                type: 'LineString',
                coordinates: [
                  [3, 3],
                  [3, 3],
                  [3.2, 2.9],
                ],
              },
            },
          ],
        },
      ]),
    )
    const rings = coords(tile, 'w', 0)
    expect(rings).toHaveLength(1)
    expect(ringArea(rings[0])).toBeGreaterThan(0)
    // a line that rounds to one point has nothing to draw and is left out
    expect(tile.layers.w.length).toBe(1)
  })

  it('returns no bytes when no layer has a drawable feature', () => {
    expect(encodeTile([{ name: 'empty', features: [] }]).length).toBe(0)
  })
})
