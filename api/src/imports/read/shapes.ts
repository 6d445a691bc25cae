// GeoJSON and zipped Shapefiles: features with their attributes, and the CRS they declare.
import { unzipSync } from 'fflate'
import * as shapefile from 'shapefile'
import { type CrsGuess, guessCrsFromPrj, parseCrs } from '../crs.ts'
import type { Cell } from '../values.ts'

export class ShapeError extends Error {}

export type Position = number[]
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] }

export interface Feature {
  geometry: Geometry | null
  properties: Record<string, unknown> | null
}

export interface FeatureTable {
  columns: string[]
  features: AsyncIterable<{ row: number; cells: Cell[]; geometry: Geometry | null }>
  crs: CrsGuess | null
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (v instanceof Date) return v
  return JSON.stringify(v)
}

/** Property names in order of first appearance. */
function columnsOf(features: Iterable<Feature>): string[] {
  const seen = new Set<string>()
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) seen.add(k)
  return [...seen]
}

/** A FeatureCollection, a single Feature, or a bare geometry; `crs` from the (pre-RFC 7946) crs member. */
export function readGeoJson(bytes: Uint8Array): FeatureTable {
  let doc: Record<string, unknown>
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (err) {
    throw new ShapeError(`not valid GeoJSON: ${(err as Error).message}`)
  }
  let features: Feature[]
  if (doc?.type === 'FeatureCollection' && Array.isArray(doc.features)) features = doc.features as Feature[]
  else if (doc?.type === 'Feature') features = [doc as unknown as Feature]
  else if (typeof doc?.type === 'string' && ('coordinates' in doc || 'geometries' in doc))
    features = [{ geometry: doc as unknown as Geometry, properties: {} }]
  else throw new ShapeError('not GeoJSON: expected a FeatureCollection, a Feature or a geometry')
  const named = (doc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name
  let crs: CrsGuess | null = null
  if (typeof named === 'string') {
    const parsed = parseCrs(named)
    crs = parsed
      ? { crs: parsed, reason: `the GeoJSON names ${named}` }
      : { crs: null, reason: `the GeoJSON names an unsupported CRS ${named}` }
  }
  const columns = columnsOf(features)
  return {
    columns,
    crs,
    features: (async function* () {
      let row = 0
      for (const f of features) {
        row++
        const props = f?.properties ?? {}
        yield { row, cells: columns.map((c) => toCell(props[c])), geometry: f?.geometry ?? null }
      }
    })(),
  }
}

const ENCODINGS: Record<string, string> = {
  '65001': 'utf-8',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  '1258': 'windows-1258',
}

/** A zip holding one Shapefile (.shp, .dbf, and ideally .prj and .cpg). */
export async function readShapefileZip(bytes: Uint8Array): Promise<FeatureTable> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, { filter: (f) => !f.name.startsWith('__MACOSX/') })
  } catch (err) {
    throw new ShapeError(`the zip could not be read: ${(err as Error).message}`)
  }
  const byExt = (ext: string, base?: string) =>
    Object.keys(files).filter(
      (n) => n.toLowerCase().endsWith(ext) && (base === undefined || n.slice(0, -ext.length) === base),
    )
  const shps = byExt('.shp')
  if (shps.length === 0) throw new ShapeError('the zip holds no .shp file')
  if (shps.length > 1)
    throw new ShapeError(`the zip holds several shapefiles (${shps.join(', ')}): upload one per file`)
  const base = shps[0].slice(0, -4)
  const dbf = byExt('.dbf', base)[0]
  if (!dbf) throw new ShapeError(`${base}.dbf is missing from the zip`)
  const prj = byExt('.prj', base)[0]
  const cpg = byExt('.cpg', base)[0]
  const codepage = cpg ? new TextDecoder().decode(files[cpg]).trim().toLowerCase() : 'utf-8'
  const encoding = ENCODINGS[codepage] ?? codepage
  let source: Awaited<ReturnType<typeof shapefile.open>>
  try {
    source = await shapefile.open(files[shps[0]], files[dbf], { encoding })
  } catch (err) {
    throw new ShapeError(`the shapefile could not be read: ${(err as Error).message}`)
  }
  // Attributes are few per feature; read them all to know the columns, geometries one at a time.
  const first = await source.read()
  const columns = first.done ? [] : Object.keys((first.value.properties as Record<string, unknown>) ?? {})
  const crs = prj ? guessCrsFromPrj(new TextDecoder().decode(files[prj])) : null
  return {
    columns,
    crs,
    features: (async function* () {
      let row = 0
      let next = first
      while (!next.done) {
        row++
        const props = (next.value.properties ?? {}) as Record<string, unknown>
        yield {
          row,
          cells: columns.map((c) =>
            toCell(typeof props[c] === 'string' ? (props[c] as string).trim() : props[c]),
          ),
          geometry: (next.value.geometry as Geometry | null) ?? null,
        }
        try {
          next = await source.read()
        } catch (err) {
          throw new ShapeError(`feature ${row + 1} could not be read: ${(err as Error).message}`)
        }
      }
    })(),
  }
}

/** Structural problems PostGIS cannot parse (unclosed or short rings, bad numbers), in words; null if none. */
export function polygonProblem(g: Geometry): string | null {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null
  if (!polys) return `expected a Polygon or MultiPolygon, got ${g.type}`
  if (polys.length === 0) return 'the polygon is empty'
  for (const [p, rings] of polys.entries()) {
    if (!Array.isArray(rings) || rings.length === 0) return `polygon ${p + 1} has no rings`
    for (const [r, ring] of rings.entries()) {
      const where = `${polys.length > 1 ? `polygon ${p + 1}, ` : ''}ring ${r + 1}`
      if (!Array.isArray(ring) || ring.length < 4) return `${where} has fewer than 4 points`
      if (!ring.every((pt) => Array.isArray(pt) && pt.length >= 2 && pt.every(Number.isFinite)))
        return `${where} has a coordinate that is not a number`
      const a = ring[0]
      const b = ring[ring.length - 1]
      if (a[0] !== b[0] || a[1] !== b[1]) return `${where} is not closed (its first and last points differ)`
    }
  }
  return null
}

/** The first coordinate of a geometry, to check its range against the CRS. */
export function firstPosition(g: Geometry): Position | null {
  let c: unknown = g.type === 'GeometryCollection' ? null : g.coordinates
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0]
  return Array.isArray(c) && c.length >= 2 ? (c as Position) : null
}
