// One source row → one staged row: fields by canonical name with normalised values, the coordinates in
// GIS order with their SRID, and the problems a single cell shows (format, range, CRS). Relations between
// rows and with the database are checked in SQL (stage-sql.ts).
import { type Crs, WGS84 } from './crs.ts'
import { sqlBare, sqlFold } from './fold.ts'
import type { ColumnMap } from './headers.ts'
import type { FieldDef, KindDef } from './kinds/types.ts'
import { firstPosition, type Geometry, polygonProblem } from './read/shapes.ts'
import {
  type Cell,
  cellText,
  padCommuneCode,
  padVillageCode,
  parseBool,
  parseDate,
  parseEnum,
  parseNumber,
} from './values.ts'

export interface Issue {
  field: string
  severity: 'error' | 'warning'
  message: string
}

/**
 * One row as staged: the JSON the staging statement (stage-sql.ts) reads with jsonb_to_recordset, so the
 * names here are its column names.
 */
export interface StagedRow {
  /** row number in the file (spreadsheet row, or feature number) */
  row_no: number
  /** the cells read, by canonical field name */
  fields: Record<string, string | number | boolean>
  /** folded keys (fold.ts) of the names matched in SQL: <field> folded, <field>_bare without its unit word */
  folded: Record<string, string>
  /** issues found in the row's cells */
  issues: Issue[]
  x?: number
  y?: number
  /** SRID of x and y */
  srid?: number
  /** polygon as GeoJSON text, in SRID polygon_srid */
  polygon?: string
  polygon_srid?: number
}

/** Today in Viet Nam (UTC+7), as ISO date: a record dated today there is not in the future. */
export const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)

/** names matched without their unit word (xã, phường, thôn, tổ dân phố…) */
const BARE = new Set(['commune_name', 'village_name', 'name'])

const KEY = /^[\p{L}\p{N}_.\-/]{1,64}$/u
const DMS =
  /^(\d{1,3})\s*[°º]\s*(\d{1,2})\s*['′’]\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|'')?)?\s*[NSEWBĐnsewbđ]?$/

/** Decimal degrees, or degrees-minutes-seconds as 104°00′12.5″. */
export function parseCoordinate(c: Cell): { value: number } | { error: string } {
  const s = typeof c === 'string' ? c.trim() : c
  if (typeof s === 'string') {
    const m = DMS.exec(s)
    if (m) return { value: +m[1] + +m[2] / 60 + Number((m[3] ?? '0').replace(',', '.')) / 3600 }
  }
  return parseNumber(s, 'decimal')
}

const looksDegrees = (a: number, b: number) => Math.abs(a) <= 180 && Math.abs(b) <= 180
const inVietnamLonLat = (lon: number, lat: number) => lon >= 100 && lon <= 112 && lat >= 6 && lat <= 25

export interface RowContext {
  kind: KindDef
  columns: ColumnMap[]
  /** the CRS of the file's coordinates: named by `crs`, by the .prj / GeoJSON, or WGS84 */
  crs: Crs
  /** whether the CRS was given or declared (false: WGS84 assumed) */
  crsKnown: boolean
  today: string
}

export function stageRow(
  ctx: RowContext,
  rowNo: number,
  cells: readonly Cell[],
  geometry?: Geometry | null,
): StagedRow | null {
  const fields: StagedRow['fields'] = {}
  const issues: Issue[] = []
  const raw: Record<string, Cell> = {}
  const text: Record<string, string | null> = {}
  let any = false
  for (const col of ctx.columns) {
    const v = cells[col.index] ?? null
    const t = cellText(v)
    if (t !== null) any = true
    if (col.field) {
      raw[col.field] = v
      text[col.field] = t
    }
  }
  if (!any && !geometry) return null

  for (const field of ctx.kind.fields) {
    if (!(field.key in raw) || field.type.t === 'coord' || field.type.t === 'info') continue
    const t = text[field.key]
    if (t === null) {
      if (field.required)
        issues.push({
          field: field.key,
          severity: 'error',
          message: `${field.key} (${field.vi}) is required`,
        })
      continue
    }
    const out = readField(field, raw[field.key], t, ctx.today)
    if ('error' in out) issues.push({ field: field.key, severity: 'error', message: out.error })
    else fields[field.key] = out.value
  }
  // A commune name in the code column, or a code in the name column, is read as what it is.
  if (typeof fields.commune_code === 'string' && !/^\d{5}$/.test(fields.commune_code)) {
    if (!fields.commune_name) fields.commune_name = fields.commune_code
    delete fields.commune_code
  }
  if (
    typeof fields.commune_name === 'string' &&
    /^\d{5}$/.test(fields.commune_name) &&
    !fields.commune_code
  ) {
    fields.commune_code = fields.commune_name
    delete fields.commune_name
  }
  if (
    ctx.kind.village &&
    typeof fields.village_code === 'string' &&
    !/^\d{5}-\d{3}$/.test(fields.village_code)
  ) {
    if (!fields.village_name) fields.village_name = fields.village_code
    delete fields.village_code
  }
  if (
    ctx.kind.village &&
    typeof fields.village_name === 'string' &&
    /^\d{5}-\d{3}$/.test(fields.village_name) &&
    !fields.village_code
  ) {
    fields.village_code = fields.village_name
    delete fields.village_name
  }

  const folded: StagedRow['folded'] = {}
  for (const field of ctx.kind.fields) {
    const v = fields[field.key]
    if (typeof v !== 'string' || !(field.type.t === 'ref' || field.type.t === 'text')) continue
    const key = sqlFold(v)
    if (key) folded[field.key] = key
    if (BARE.has(field.key)) {
      const bare = sqlBare(v)
      if (bare) folded[`${field.key}_bare`] = bare
    }
  }
  const row: StagedRow = { row_no: rowNo, fields, folded, issues }
  placeRow(ctx, row, raw, geometry ?? null)
  return row
}

function readField(
  field: FieldDef,
  cell: Cell,
  text: string,
  today: string,
): { value: string | number | boolean } | { error: string } {
  const t = field.type
  const label = `${field.key} (${field.vi})`
  switch (t.t) {
    case 'key': {
      const s = typeof cell === 'number' ? String(Math.trunc(cell)) : text
      return KEY.test(s)
        ? { value: s }
        : { error: `${label}: "${s}" is not a record key (letters, digits, - _ . / up to 64)` }
    }
    case 'text':
      return t.max && text.length > t.max
        ? { error: `${label}: longer than ${t.max} characters` }
        : { value: text }
    case 'ref': {
      let s = typeof cell === 'number' ? String(cell) : text
      if (t.pad === 'commune') s = padCommuneCode(s)
      if (t.pad === 'village') s = padVillageCode(s)
      return { value: s }
    }
    case 'int': {
      const r = parseNumber(cell, t.thousands ? 'thousands' : 'decimal')
      if ('error' in r) return { error: `${label}: ${r.error}` }
      if (!Number.isInteger(r.value)) return { error: `${label}: ${r.value} is not a whole number` }
      if (t.min !== undefined && r.value < t.min) return { error: `${label}: ${r.value} is below ${t.min}` }
      if (t.max !== undefined && r.value > t.max) return { error: `${label}: ${r.value} is above ${t.max}` }
      return r
    }
    case 'number': {
      const r = parseNumber(cell, 'decimal')
      if ('error' in r) return { error: `${label}: ${r.error}` }
      if (t.min !== undefined && r.value < t.min) return { error: `${label}: ${r.value} is below ${t.min}` }
      if (t.max !== undefined && r.value > t.max) return { error: `${label}: ${r.value} is above ${t.max}` }
      return r
    }
    case 'date': {
      const r = parseDate(cell)
      if ('error' in r) return { error: `${label}: ${r.error}` }
      if (t.min && r.value < t.min) return { error: `${label}: ${r.value} is before ${t.min}` }
      if (!t.future && r.value > today) return { error: `${label}: ${r.value} is in the future` }
      return r
    }
    case 'year': {
      const y = cell instanceof Date ? cell.getUTCFullYear() : Number(text)
      return Number.isInteger(y) && y >= 1990 && y <= 2100
        ? { value: y }
        : { error: `${label}: "${text}" is not a year` }
    }
    case 'bool': {
      const r = parseBool(cell)
      return 'error' in r ? { error: `${label}: ${r.error}` } : r
    }
    case 'enum': {
      const r = parseEnum(cell, t.values)
      return 'error' in r ? { error: `${label}: ${r.error}` } : r
    }
    default:
      return { value: text }
  }
}

/** Coordinates and polygons: reads them, puts them in GIS order (easting, northing) and checks their range. */
function placeRow(ctx: RowContext, row: StagedRow, raw: Record<string, Cell>, geometry: Geometry | null) {
  const { kind, crs } = ctx
  if (kind.place === 'none') return
  const wantsShape = kind.place === 'shape' || kind.place === 'point-or-shape'
  if (geometry) {
    if (geometry.type === 'Point' || (geometry.type === 'MultiPoint' && geometry.coordinates.length === 1)) {
      const p = geometry.type === 'Point' ? geometry.coordinates : geometry.coordinates[0]
      if (kind.place === 'shape') {
        row.issues.push({ field: 'geometry', severity: 'error', message: 'expected a polygon, got a point' })
        return
      }
      return setPoint(ctx, row, p[0], p[1], crs, 'geometry')
    }
    if (!wantsShape) {
      row.issues.push({
        field: 'geometry',
        severity: 'error',
        message: `expected a point, got a ${geometry.type}`,
      })
      return
    }
    const problem = polygonProblem(geometry)
    if (problem) {
      row.issues.push({ field: 'geometry', severity: 'error', message: `invalid polygon: ${problem}` })
      return
    }
    const first = firstPosition(geometry)
    if (first && !rangeFits(crs, first[0], first[1])) {
      row.issues.push({
        field: 'geometry',
        severity: 'error',
        message: crsMismatch(crs, first[0], first[1], ctx.crsKnown),
      })
      return
    }
    row.polygon = JSON.stringify(geometry)
    row.polygon_srid = crs.srid
  }
  if (kind.place === 'shape') return

  const hasLonLat = 'lon' in raw && 'lat' in raw && cellText(raw.lon) !== null && cellText(raw.lat) !== null
  const hasXY = 'x' in raw && 'y' in raw && cellText(raw.x) !== null && cellText(raw.y) !== null
  if (hasXY && (crs.projected || !hasLonLat)) {
    const a = parseCoordinate(raw.x)
    const b = parseCoordinate(raw.y)
    if ('error' in a || 'error' in b) {
      row.issues.push({
        field: 'error' in a ? 'x' : 'y',
        severity: 'error',
        message: `${'error' in a ? 'x' : 'y'}: ${('error' in a ? a : (b as { error: string })).error}`,
      })
      return
    }
    const X = a.value
    const Y = b.value
    if (crs.projected) {
      if (looksDegrees(X, Y))
        return void row.issues.push({
          field: 'x',
          severity: 'error',
          message: `x/y (${X}, ${Y}) look like degrees but the CRS is ${crs.name}: name the columns lon/lat or choose a geographic CRS`,
        })
      // Vietnamese surveying order: X northing, Y easting. Northings in Viet Nam exceed 900 km, eastings do not.
      if (X > 900_000 && Y < 900_000) return setPoint(ctx, row, Y, X, crs, 'x')
      if (Y > 900_000 && X < 900_000) {
        row.issues.push({
          field: 'x',
          severity: 'warning',
          message: `X (${X}) looks like an easting and Y (${Y}) like a northing: read in GIS order (VN-2000 sheets write X = northing)`,
        })
        return setPoint(ctx, row, X, Y, crs, 'x')
      }
      return void row.issues.push({
        field: 'x',
        severity: 'error',
        message: `x/y (${X}, ${Y}) are out of range for ${crs.name}`,
      })
    }
    if (!looksDegrees(X, Y))
      return void row.issues.push({
        field: 'x',
        severity: 'error',
        message: `x/y (${X}, ${Y}) look like projected metres but ${ctx.crsKnown ? `the CRS is ${crs.name}` : 'no CRS was given'}: choose the CRS, e.g. VN2000-TM3-104.75`,
      })
    // degrees in x/y: whichever is the longitude of a place in Viet Nam
    return inVietnamLonLat(Y, X) ? setPoint(ctx, row, Y, X, crs, 'x') : setPoint(ctx, row, X, Y, crs, 'x')
  }
  if (hasLonLat) {
    const a = parseCoordinate(raw.lon)
    const b = parseCoordinate(raw.lat)
    if ('error' in a)
      return void row.issues.push({ field: 'lon', severity: 'error', message: `lon: ${a.error}` })
    if ('error' in b)
      return void row.issues.push({ field: 'lat', severity: 'error', message: `lat: ${b.error}` })
    // lon/lat are in the import's CRS when it is geographic (WGS84 or VN-2000), else in WGS84
    const lonLatCrs = crs.projected ? WGS84 : crs
    if (inVietnamLonLat(b.value, a.value))
      return void row.issues.push({
        field: 'lon',
        severity: 'error',
        message: `lon/lat (${a.value}, ${b.value}) look swapped: lon is about 103–105 and lat about 21–23 in Lào Cai`,
      })
    if (!looksDegrees(a.value, b.value) || Math.abs(b.value) > 90)
      return void row.issues.push({
        field: 'lon',
        severity: 'error',
        message: `lon/lat (${a.value}, ${b.value}) look like projected metres, not degrees: name the columns X/Y and choose the CRS, e.g. VN2000-TM3-104.75`,
      })
    return setPoint(ctx, row, a.value, b.value, lonLatCrs, 'lon')
  }
  if (('lon' in raw || 'x' in raw) && kind.place === 'point-required' && !row.polygon)
    row.issues.push({
      field: 'lon',
      severity: 'warning',
      message: 'no coordinates: the record is placed at its village (or commune) as an approximate location',
    })
}

function setPoint(ctx: RowContext, row: StagedRow, x: number, y: number, crs: Crs, field: string) {
  if (!Number.isFinite(x) || !Number.isFinite(y))
    return void row.issues.push({ field, severity: 'error', message: 'coordinates are not numbers' })
  if (!rangeFits(crs, x, y))
    return void row.issues.push({ field, severity: 'error', message: crsMismatch(crs, x, y, ctx.crsKnown) })
  row.x = x
  row.y = y
  row.srid = crs.srid
}

/** Whether (x, y) in GIS order are plausible for the CRS at all. */
function rangeFits(crs: Crs, x: number, y: number): boolean {
  if (!crs.projected) return Math.abs(x) <= 180 && Math.abs(y) <= 90
  return x > 100_000 && x < 900_000 && y > 900_000 && y < 3_000_000
}

function crsMismatch(crs: Crs, x: number, y: number, known: boolean): string {
  const where = known ? `the CRS is ${crs.name}` : `no CRS was given or declared, so ${crs.name} was assumed`
  if (!crs.projected)
    return `coordinates (${x}, ${y}) look like projected metres but ${where}: choose the CRS, e.g. VN2000-TM3-104.75`
  if (looksDegrees(x, y)) return `coordinates (${x}, ${y}) look like degrees but ${where}`
  return `coordinates (${x}, ${y}) are out of range for ${crs.name}`
}
