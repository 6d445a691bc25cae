// Zipped Shapefiles, and what GeoJSON and Shapefiles share: features with their attributes, the CRS they
// declare, and the check that a geometry has the structure its type promises.
import * as shapefile from 'shapefile'
import { type CrsGuess, guessCrsFromPrj } from '../crs.ts'
import type { Cell } from '../values.ts'
import { inflateEntry, megabytes, type ZipEntry, ZipError, zipEntries } from './zip.ts'

/** A file that cannot be read as GeoJSON or a Shapefile; `field` is the form field or part at fault. */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly field = 'file',
  ) {
    super(message)
  }
}

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

export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (v instanceof Date) return v
  return JSON.stringify(v)
}

const ENCODINGS: Record<string, string> = {
  '65001': 'utf-8',
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  '1258': 'windows-1258',
}

/** Inflated .shp and .dbf together: a Shapefile of 100,000 points with 15 attributes is about 35 MB. */
export const MAX_SHAPEFILE_BYTES = 128 * 1024 * 1024
/** A .prj or .cpg is a line of text. */
const MAX_SIDECAR_BYTES = 64 * 1024

/** A zip holding one Shapefile (.shp, .dbf, and ideally .prj and .cpg). */
export async function readShapefileZip(
  bytes: Uint8Array,
  listed?: readonly ZipEntry[],
): Promise<FeatureTable> {
  let entries: ZipEntry[]
  try {
    entries = (listed ?? zipEntries(bytes)).filter((e) => !e.name.startsWith('__MACOSX/'))
  } catch (err) {
    throw new ShapeError(`the zip could not be read: ${(err as Error).message}`)
  }
  const byExt = (ext: string, base?: string) =>
    entries
      .map((e) => e.name)
      .filter(
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
  const entry = (name: string) => entries.find((e) => e.name === name) as ZipEntry
  const text = async (name: string) =>
    new TextDecoder().decode(
      await inflateEntry(bytes, entry(name), MAX_SIDECAR_BYTES, 'the limit for a .prj or .cpg'),
    )
  let shp: Uint8Array
  let table: Uint8Array
  let codepage = 'utf-8'
  let prjText: string | null = null
  try {
    const what = `the limit for a Shapefile's .shp and .dbf together (${megabytes(MAX_SHAPEFILE_BYTES)})`
    shp = await inflateEntry(bytes, entry(shps[0]), MAX_SHAPEFILE_BYTES, what)
    table = await inflateEntry(bytes, entry(dbf), MAX_SHAPEFILE_BYTES - shp.length, what)
    if (cpg) codepage = (await text(cpg)).trim().toLowerCase().slice(0, 40)
    if (prj) prjText = await text(prj)
  } catch (err) {
    if (err instanceof ZipError) throw new ShapeError(`the zip could not be read: ${err.message}`)
    throw err
  }
  const encoding = ENCODINGS[codepage] ?? codepage
  let source: Awaited<ReturnType<typeof shapefile.open>>
  // Attributes are few per feature; read them all to know the columns, geometries one at a time.
  let first: Awaited<ReturnType<typeof source.read>>
  try {
    source = await shapefile.open(shp, table, { encoding })
    first = await source.read()
  } catch (err) {
    throw new ShapeError(`the shapefile could not be read: ${(err as Error).message}`)
  }
  const columns = first.done ? [] : Object.keys((first.value.properties as Record<string, unknown>) ?? {})
  const crs = prjText === null ? null : guessCrsFromPrj(prjText)
  return {
    columns,
    crs,
    features: (async function* () {
      let row = 0
      let next = first
      while (!next.done) {
        row++
        const props = (next.value.properties ?? {}) as Record<string, unknown>
        const geometry = (next.value.geometry as Geometry | null) ?? null
        const problem = geometry && geometryProblem(geometry)
        if (problem) throw new ShapeError(`feature ${row}: ${problem}`, 'geometry')
        yield {
          row,
          cells: columns.map((c) =>
            toCell(typeof props[c] === 'string' ? (props[c] as string).trim() : props[c]),
          ),
          geometry,
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

const SHAPES: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
}

/** A position: two or three (or, with a measure, four) finite numbers. */
function positionProblem(p: unknown): string | null {
  if (!Array.isArray(p)) return `expected a position [x, y], got ${describe(p)}`
  for (const v of p)
    if (typeof v !== 'number' || !Number.isFinite(v)) return `a coordinate is ${describe(v)}, not a number`
  if (p.length < 2 || p.length > 4) return `a position has ${p.length} numbers, expected [x, y]`
  return null
}

function describe(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') return `the text "${v.slice(0, 20)}"`
  return typeof v === 'object' ? 'an object' : typeof v
}

/** Arrays nested `depth` deep around positions, as the geometry type says (RFC 7946 §3.1). */
function nestingProblem(c: unknown, depth: number): string | null {
  if (depth === 0) return positionProblem(c)
  if (!Array.isArray(c))
    return `expected ${depth === 1 ? 'an array of positions' : 'nested arrays of positions'}, got ${describe(c)}`
  for (const inner of c) {
    const problem = nestingProblem(inner, depth - 1)
    if (problem) return problem
  }
  return null
}

/**
 * Whether a GeoJSON geometry (or one read from a Shapefile) has the structure its type promises: a known
 * type, coordinates nested as the type says, every coordinate a finite number. In words; null if sound.
 */
export function geometryProblem(g: unknown, depth = 0): string | null {
  if (g === null || typeof g !== 'object' || Array.isArray(g))
    return `the geometry is ${describe(g)}, not a GeoJSON geometry`
  const { type, coordinates, geometries } = g as {
    type?: unknown
    coordinates?: unknown
    geometries?: unknown
  }
  if (type === 'GeometryCollection') {
    if (depth > 3) return 'geometry collections are nested too deep'
    if (!Array.isArray(geometries)) return 'a GeometryCollection needs a "geometries" array'
    for (const member of geometries) {
      const problem = geometryProblem(member, depth + 1)
      if (problem) return problem
    }
    return null
  }
  if (typeof type !== 'string' || !(type in SHAPES))
    return `"${String(type).slice(0, 30)}" is not a GeoJSON geometry type`
  if (coordinates === undefined || coordinates === null) return `the ${type} has no coordinates`
  const problem = nestingProblem(coordinates, SHAPES[type])
  return problem && `${type}: ${problem}`
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
