// Coordinate reference systems an import may name, and the guess from a Shapefile's .prj.
// The PROJ definitions are the ones inserted into spatial_ref_sys by migration 013; PostGIS reprojects,
// and the tests check it against proj4js with these same strings.

/**
 * VN-2000 → WGS84, Circular 973/2001/TT-TCĐC: dX, dY, dZ (m), rX, rY, rZ (arc-seconds, position vector), scale (ppm).
 */
export const VN2000_TOWGS84 =
  '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278'

export interface Crs {
  /** the name an import uses: EPSG:4326, VN2000, VN2000-TM3-104.75, … */
  name: string
  srid: number
  proj4: string
  projected: boolean
  label: string
}

/** Central meridians of the VN-2000 TM-3 zones defined in the database: every 15′ from 102° to 109°30′. */
export const TM3_MERIDIANS = Array.from({ length: 31 }, (_, i) => 102 + 0.25 * i)
/** Lào Cai and Yên Bái (and Phú Thọ, Nghệ An, An Giang) use 104°45′. */
export const LAO_CAI_MERIDIAN = 104.75

export const WGS84: Crs = {
  name: 'EPSG:4326',
  srid: 4326,
  proj4: '+proj=longlat +datum=WGS84 +no_defs',
  projected: false,
  label: 'WGS 84',
}

export const VN2000: Crs = {
  name: 'VN2000',
  srid: 910756,
  proj4: `+proj=longlat +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +no_defs`,
  projected: false,
  label: 'VN-2000 (kinh độ, vĩ độ)',
}

const trim = (n: number) => String(Number(n.toFixed(2)))

export function vn2000Tm3(lon0: number): Crs {
  return {
    name: `VN2000-TM3-${trim(lon0)}`,
    srid: 910000 + Math.round(lon0 * 100),
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${trim(lon0)} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    projected: true,
    label: `VN-2000 / TM-3 kinh tuyến trục ${degMin(lon0)}`,
  }
}

export function vn2000Utm(zone: 48 | 49): Crs {
  return {
    name: `VN2000-UTM-${zone}`,
    srid: 913357 + zone,
    proj4: `+proj=utm +zone=${zone} +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    projected: true,
    label: `VN-2000 / UTM ${zone}N`,
  }
}

function wgs84Utm(zone: 48 | 49): Crs {
  return {
    name: `EPSG:326${zone}`,
    srid: 32600 + zone,
    proj4: `+proj=utm +zone=${zone} +datum=WGS84 +units=m +no_defs`,
    projected: true,
    label: `WGS 84 / UTM ${zone}N`,
  }
}

function degMin(lon: number): string {
  const d = Math.floor(lon)
  const m = Math.round((lon - d) * 60)
  return `${d}°${String(m).padStart(2, '0')}′`
}

const isMeridian = (x: number) => TM3_MERIDIANS.some((m) => Math.abs(m - x) < 1e-6)

/**
 * Reads a CRS name: EPSG:4326 (or WGS84), VN2000 (or EPSG:4756), VN2000-TM3-<meridian> with the meridian
 * in decimal degrees (104.75) or degrees-minutes (104-45, 10445), VN2000-UTM-48/49 (EPSG:3405/3406),
 * EPSG:32648/32649. Null when unknown.
 */
export function parseCrs(input: string): Crs | null {
  const s = input
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, '-')
    .replace(/^VN-2000/, 'VN2000')
  if (
    ['EPSG:4326', 'WGS84', 'WGS-84', '4326', 'CRS84', 'OGC:CRS84', 'URN:OGC:DEF:CRS:OGC:1.3:CRS84'].includes(
      s,
    )
  )
    return WGS84
  if (/^(URN:OGC:DEF:CRS:)?EPSG::?4326$/.test(s)) return WGS84
  if (['VN2000', 'EPSG:4756', '4756'].includes(s) || /^URN:OGC:DEF:CRS:EPSG::4756$/.test(s)) return VN2000
  if (/^(EPSG:|URN:OGC:DEF:CRS:EPSG::)?3405$/.test(s) || s === 'VN2000-UTM-48') return vn2000Utm(48)
  if (/^(EPSG:|URN:OGC:DEF:CRS:EPSG::)?3406$/.test(s) || s === 'VN2000-UTM-49') return vn2000Utm(49)
  if (/^(EPSG:|URN:OGC:DEF:CRS:EPSG::)?32648$/.test(s)) return wgs84Utm(48)
  if (/^(EPSG:|URN:OGC:DEF:CRS:EPSG::)?32649$/.test(s)) return wgs84Utm(49)
  const m = /^VN2000-TM-?3-(\d{3})(?:([.,]\d+)|-?(\d{2})[′']?)?$/.exec(s)
  if (m) {
    const lon0 =
      m[3] !== undefined ? Number(m[1]) + Number(m[3]) / 60 : Number(m[1] + (m[2] ?? '').replace(',', '.'))
    return isMeridian(lon0) ? vn2000Tm3(lon0) : null
  }
  return null
}

export const CRS_HELP =
  'expected EPSG:4326, VN2000, VN2000-TM3-<central meridian, e.g. 104.75>, VN2000-UTM-48 or EPSG:32648'

export interface CrsGuess {
  crs: Crs | null
  /** why, in words, for the report */
  reason: string
}

const param = (wkt: string, name: string) => {
  const m = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*([-+0-9.eE]+)`, 'i').exec(wkt)
  return m ? Number(m[1]) : null
}

/** Guesses the CRS of a Shapefile from its .prj (ESRI or OGC WKT 1). */
export function guessCrsFromPrj(wkt: string): CrsGuess {
  const text = wkt.replace(/\s+/g, ' ')
  const vn = /VN[-_ ]?2000|VIETNAM[-_ ]?2000|TOWGS84\s*\[\s*-191\.9/i.test(text)
  const projected = /^\s*PROJCS/i.test(text) || /PROJECTION\s*\[/i.test(text)
  const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"(\d+)"\s*\]\s*\]\s*$/i.exec(text)
  if (authority) {
    const byCode = parseCrs(`EPSG:${authority[1]}`)
    if (byCode) return { crs: byCode, reason: `the .prj names EPSG:${authority[1]}` }
  }
  if (/HANOI[-_ ]?1972|KRASOVSKY/i.test(text))
    return {
      crs: null,
      reason: 'the .prj is in HN-72 (Hà Nội 1972), which is not supported: convert it to VN-2000',
    }
  if (!projected) {
    if (vn) return { crs: VN2000, reason: 'the .prj is VN-2000 geographic' }
    if (/WGS[-_ ]?(19)?84/i.test(text)) return { crs: WGS84, reason: 'the .prj is WGS 84 geographic' }
    return { crs: null, reason: 'the .prj names a geographic CRS other than WGS 84 or VN-2000' }
  }
  if (!/TRANSVERSE[-_ ]?MERCATOR/i.test(text))
    return { crs: null, reason: 'the .prj uses a projection other than Transverse Mercator' }
  const lon0 = param(text, 'central_meridian')
  const k = param(text, 'scale_factor')
  const x0 = param(text, 'false_easting')
  if (lon0 === null || k === null)
    return { crs: null, reason: 'the .prj lacks a central meridian or scale factor' }
  if (x0 !== null && Math.abs(x0 - 500000) > 1e-6)
    return { crs: null, reason: `the .prj has a false easting of ${x0} m (expected 500000)` }
  if (vn && Math.abs(k - 0.9999) < 1e-7 && isMeridian(lon0))
    return { crs: vn2000Tm3(lon0), reason: `the .prj is VN-2000 TM-3 with central meridian ${trim(lon0)}°` }
  if (Math.abs(k - 0.9996) < 1e-7 && (lon0 === 105 || lon0 === 111)) {
    const zone = lon0 === 105 ? 48 : 49
    return vn
      ? { crs: vn2000Utm(zone), reason: `the .prj is VN-2000 UTM zone ${zone}N` }
      : { crs: wgs84Utm(zone), reason: `the .prj is WGS 84 UTM zone ${zone}N` }
  }
  return {
    crs: null,
    reason: `the .prj is a Transverse Mercator (central meridian ${lon0}, scale ${k}) not among the supported VN-2000 zones`,
  }
}

/** Every CRS the database defines for imports (for the template's instructions and tests). */
export function knownCrs(): Crs[] {
  return [
    WGS84,
    VN2000,
    ...TM3_MERIDIANS.map(vn2000Tm3),
    vn2000Utm(48),
    vn2000Utm(49),
    wgs84Utm(48),
    wgs84Utm(49),
  ]
}
