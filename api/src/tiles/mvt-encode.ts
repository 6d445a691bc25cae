// A small Mapbox Vector Tile encoder, written against the Mapbox Vector Tile Specification 2.1
// (github.com/mapbox/vector-tile-spec/tree/master/2.1). Used where the database cannot run ST_AsMVT.
import Pbf from 'pbf'

/** A GeoJSON-shaped geometry whose coordinates are already tile coordinates (0..extent, y down). */
export type TileGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }

export type TileValue = string | number | boolean
export interface TileFeature {
  id?: number
  /** null and undefined values are left out, as ST_AsMVT does */
  properties: Record<string, TileValue | null | undefined>
  geometry: TileGeometry
}

export interface TileLayerData {
  name: string
  features: readonly TileFeature[]
  extent?: number
}

// Feature.GeomType (§4.3.4) and command ids (§4.3.2)
const POINT = 1
const LINESTRING = 2
const POLYGON = 3
type GeomType = typeof POINT | typeof LINESTRING | typeof POLYGON
const MOVE_TO = 1
const LINE_TO = 2
const CLOSE_PATH = 7

const command = (id: number, count: number) => (id & 0x7) | (count << 3)
const zigzag = (n: number) => (n << 1) ^ (n >> 31)

/** Builds one feature's command stream (§4.3); the cursor carries over between parts. */
class GeometryWriter {
  readonly out: number[] = []
  private x = 0
  private y = 0

  private delta(p: number[]) {
    const x = Math.round(p[0])
    const y = Math.round(p[1])
    this.out.push(zigzag(x - this.x), zigzag(y - this.y))
    this.x = x
    this.y = y
  }

  points(points: number[][]) {
    if (!points.length) return
    this.out.push(command(MOVE_TO, points.length))
    for (const p of points) this.delta(p)
  }

  line(points: number[][]) {
    if (points.length < 2) return
    this.out.push(command(MOVE_TO, 1))
    this.delta(points[0])
    this.out.push(command(LINE_TO, points.length - 1))
    for (let i = 1; i < points.length; i++) this.delta(points[i])
  }

  /** A ring without its closing point; ClosePath returns to the start (§4.3.3.3). */
  ring(points: number[][]) {
    this.out.push(command(MOVE_TO, 1))
    this.delta(points[0])
    this.out.push(command(LINE_TO, points.length - 1))
    for (let i = 1; i < points.length; i++) this.delta(points[i])
    this.out.push(command(CLOSE_PATH, 1))
  }
}

/** Rounds to whole units and drops repeated points: a zero-length LineTo is not allowed (§4.3.3.2). */
function clean(points: number[][]): number[][] {
  const out: number[][] = []
  for (const p of points) {
    const q = [Math.round(p[0]), Math.round(p[1])]
    const last = out[out.length - 1]
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q)
  }
  return out
}

/** Twice the area by the surveyor's formula, in tile coordinates (y down). */
export function ringArea(ring: readonly number[][]): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
  return sum
}

/** Exterior rings get a positive area, interior rings a negative one (§4.3.4.4). */
function writePolygon(w: GeometryWriter, rings: number[][][]) {
  for (let i = 0; i < rings.length; i++) {
    let pts = clean(rings[i])
    const [first, last] = [pts[0], pts[pts.length - 1]]
    if (pts.length > 1 && first[0] === last[0] && first[1] === last[1]) pts.pop()
    const area = pts.length < 3 ? 0 : ringArea(pts)
    if (area === 0) {
      if (i === 0) return // no exterior left: drop its holes too
      continue
    }
    if (i === 0 ? area < 0 : area > 0) pts = pts.reverse()
    w.ring(pts)
  }
}

function encodeGeometry(g: TileGeometry): { type: GeomType; commands: number[] } {
  const w = new GeometryWriter()
  switch (g.type) {
    case 'Point':
      w.points([g.coordinates])
      return { type: POINT, commands: w.out }
    case 'MultiPoint':
      w.points(g.coordinates)
      return { type: POINT, commands: w.out }
    case 'LineString':
      w.line(clean(g.coordinates))
      return { type: LINESTRING, commands: w.out }
    case 'MultiLineString':
      for (const line of g.coordinates) w.line(clean(line))
      return { type: LINESTRING, commands: w.out }
    case 'Polygon':
      writePolygon(w, g.coordinates)
      return { type: POLYGON, commands: w.out }
    case 'MultiPolygon':
      for (const polygon of g.coordinates) writePolygon(w, polygon)
      return { type: POLYGON, commands: w.out }
    default:
      throw new TypeError(`cannot encode geometry type ${(g as { type: string }).type}`)
  }
}

interface EncodedFeature {
  id?: number
  tags: number[]
  type: GeomType
  commands: number[]
}

interface EncodedLayer {
  name: string
  extent: number
  keys: string[]
  values: TileValue[]
  features: EncodedFeature[]
}

/** Keys and values are stored once per layer and referenced by index (§4.4). */
function encodeLayer(layer: TileLayerData): EncodedLayer {
  const keys: string[] = []
  const values: TileValue[] = []
  const keyIndex = new Map<string, number>()
  const valueIndex = new Map<string, number>()
  const features: EncodedFeature[] = []
  for (const f of layer.features) {
    const { type, commands } = encodeGeometry(f.geometry)
    if (!commands.length) continue
    const tags: number[] = []
    for (const [key, value] of Object.entries(f.properties)) {
      if (value === null || value === undefined) continue
      let k = keyIndex.get(key)
      if (k === undefined) {
        k = keys.push(key) - 1
        keyIndex.set(key, k)
      }
      const vKey = `${typeof value}:${value}`
      let v = valueIndex.get(vKey)
      if (v === undefined) {
        v = values.push(value) - 1
        valueIndex.set(vKey, v)
      }
      tags.push(k, v)
    }
    features.push({ id: f.id, tags, type, commands })
  }
  return { name: layer.name, extent: layer.extent ?? 4096, keys, values, features }
}

function writeValue(value: TileValue, pbf: Pbf) {
  if (typeof value === 'string') pbf.writeStringField(1, value)
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value)
  else if (!Number.isInteger(value) || !Number.isSafeInteger(value)) pbf.writeDoubleField(3, value)
  else if (value < 0) pbf.writeSVarintField(6, value)
  else pbf.writeVarintField(5, value)
}

function writeFeature(f: EncodedFeature, pbf: Pbf) {
  if (f.id !== undefined) pbf.writeVarintField(1, f.id)
  if (f.tags.length) pbf.writePackedVarint(2, f.tags)
  pbf.writeVarintField(3, f.type)
  pbf.writePackedVarint(4, f.commands)
}

function writeLayer(layer: EncodedLayer, pbf: Pbf) {
  pbf.writeVarintField(15, 2) // version
  pbf.writeStringField(1, layer.name)
  for (const f of layer.features) pbf.writeMessage(2, writeFeature, f)
  for (const k of layer.keys) pbf.writeStringField(3, k)
  for (const v of layer.values) pbf.writeMessage(4, writeValue, v)
  pbf.writeVarintField(5, layer.extent)
}

/** Encodes the layers into one tile; layers with no drawable feature are left out, so an empty tile has 0 bytes. */
export function encodeTile(layers: readonly TileLayerData[]): Uint8Array {
  const pbf = new Pbf()
  for (const layer of layers) {
    const encoded = encodeLayer(layer)
    if (encoded.features.length) pbf.writeMessage(3, writeLayer, encoded)
  }
  return pbf.finish()
}
