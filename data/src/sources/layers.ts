// The layers the seed loads. Each is taken already derived from DATA_MIRROR or the cache when it passes its
// check, else derived in code from its raw files (fetched as in fetch.ts) and kept in the cache.
import { join } from 'node:path'
import type { Queryable } from '../db/index.ts'
import { type Area, covers } from './area.ts'
import {
  describeFailure,
  type FetchOptions,
  fetchRaw,
  formatSize,
  joinLocation,
  load,
  resolveOptions,
  SourceError,
  writeCached,
} from './fetch.ts'
import { type Layer, type Manifest, readManifest } from './manifest.ts'
import { RECIPES } from './recipes/index.ts'

/** Relative tolerance of a layer's area or length against the manifest's figure. */
export const CHECK_TOLERANCE = 0.01

/** An optional layer that could not be had: the app runs without it. */
export interface MissingLayer {
  id: string
  path: string
  what: string
  /** what went wrong, every place looked included */
  reason: string
  /** how to supply it */
  hint: string
}

export interface ResolvedLayers {
  files: Map<string, Buffer>
  missing: MissingLayer[]
}

/** Why `buf` is not an acceptable version of the layer (wrong count, area or length), or null. */
export async function checkLayer(db: Queryable, layer: Layer, buf: Buffer): Promise<string | null> {
  const { check } = layer
  if (layer.path.endsWith('.csv')) {
    const rows = buf.toString('utf8').trim().split(/\r?\n/).length - 1
    return check.rows === undefined || rows === check.rows ? null : `${rows} rows, expected ${check.rows}`
  }
  let doc: { features?: unknown[] }
  try {
    doc = JSON.parse(buf.toString('utf8'))
  } catch (err) {
    return `not JSON: ${(err as Error).message}`
  }
  if (!Array.isArray(doc.features)) return 'not a GeoJSON FeatureCollection'
  if (check.features !== undefined && doc.features.length !== check.features)
    return `${doc.features.length} features, expected ${check.features}`
  // the national communes are checked by count alone: measuring 3,321 polygons would cost seconds at every seed
  if (check.area_km2 === undefined && check.length_km === undefined) return null
  const [m] = await db.query<{ km2: number; km: number }>(
    `select coalesce(sum(ST_Area(g::geography)), 0) / 1e6 as km2, coalesce(sum(ST_Length(g::geography)), 0) / 1e3 as km
     from json_array_elements($1::json->'features') f,
          lateral (select ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)) g) x`,
    [JSON.stringify(doc)],
  )
  const off = (got: number, want: number) => Math.abs(got - want) / want > CHECK_TOLERANCE
  if (check.area_km2 !== undefined && off(m.km2, check.area_km2))
    return `area ${m.km2.toFixed(0)} km², expected ${check.area_km2} km² ± ${CHECK_TOLERANCE * 100} %`
  if (check.length_km !== undefined && off(m.km, check.length_km))
    return `length ${m.km.toFixed(1)} km, expected ${check.length_km} km ± ${CHECK_TOLERANCE * 100} %`
  return null
}

/**
 * Every layer of the manifest the area needs, by id: the national ones, and the history layers of its provinces.
 * A required layer that cannot be had fails with every place looked and what to do; an optional one is listed in
 * `missing` instead.
 */
export async function resolveLayers(
  db: Queryable,
  area: Area,
  opts: FetchOptions = {},
  manifest: Manifest = readManifest(),
): Promise<ResolvedLayers> {
  const o = resolveOptions(opts)
  const files = new Map<string, Buffer>()
  const missing: MissingLayer[] = []
  const rawById = new Map(manifest.raw.map((r) => [r.id, r]))
  const rawFiles = new Map<string, Buffer>()

  for (const layer of manifest.layers) {
    if (layer.province && !covers(area, layer.province)) continue
    const tried: string[] = []
    const ready = [...(o.mirror ? [joinLocation(o.mirror, layer.path)] : []), join(o.cacheDir, layer.path)]
    let found: Buffer | undefined
    for (const where of ready) {
      try {
        const buf = await load(where)
        const wrong = await checkLayer(db, layer, buf)
        if (!wrong) {
          found = buf
          break
        }
        tried.push(`${where} (${wrong})`)
      } catch (err) {
        tried.push(`${where} (${describeFailure(err)})`)
      }
    }
    if (!found) {
      try {
        found = await deriveLayer(db, layer, manifest, rawById, rawFiles, files, opts)
        writeCached(o.cacheDir, layer.path, found)
      } catch (err) {
        const reason = `${tried.map((t) => `  - ${t}\n`).join('')}${(err as Error).message}`
        const hint = howToSupply(layer, manifest)
        if (layer.required)
          throw new SourceError(
            `required data file ${layer.path} (${layer.id}: ${layer.what}) could not be resolved; looked in:\n${reason}\n${hint}`,
          )
        missing.push({ id: layer.id, path: layer.path, what: layer.what, reason, hint })
        o.log(
          `  missing optional layer ${layer.path} (${layer.what}); the app runs without it. Looked in:\n${reason}\n${hint}`,
        )
        continue
      }
    }
    files.set(layer.id, found)
  }
  return { files, missing }
}

async function deriveLayer(
  db: Queryable,
  layer: Layer,
  manifest: Manifest,
  rawById: Map<string, Manifest['raw'][number]>,
  rawFiles: Map<string, Buffer>,
  derived: Map<string, Buffer>,
  opts: FetchOptions,
): Promise<Buffer> {
  const o = resolveOptions(opts)
  const recipe = RECIPES[layer.id]
  if (!recipe) throw new Error(`no recipe for layer ${layer.id}`)
  for (const id of layer.from) {
    if (rawFiles.has(id)) continue
    const raw = rawById.get(id)
    if (!raw) throw new Error(`layer ${layer.id} names raw file ${id}, which the manifest does not list`)
    rawFiles.set(id, await fetchRaw(raw, opts))
  }
  const t0 = Date.now()
  const text = await recipe({
    area: manifest.area,
    merged: () => {
      const code = layer.province
      const merged = code ? manifest.area.merged[code] : undefined
      if (!code || !merged) throw new Error(`layer ${layer.id} names no province of area.merged`)
      return { ...merged, code }
    },
    ids: layer.from,
    db,
    raw: (id) => {
      const buf = layer.from.includes(id) ? rawFiles.get(id) : undefined
      if (!buf) throw new Error(`recipe ${layer.id} reads ${id}, which is not in its "from" list`)
      return buf
    },
    layer: (id) => {
      const buf = derived.get(id)
      if (!buf) throw new Error(`recipe ${layer.id} needs layer ${id}, which is not available`)
      return buf
    },
  })
  const buf = Buffer.from(text, 'utf8')
  const wrong = await checkLayer(db, layer, buf)
  if (wrong)
    throw new Error(`the recipe's result is not as recorded (${wrong}): has an upstream file changed?`)
  o.log(`  derived ${layer.path} (${formatSize(buf.length)}) in ${Date.now() - t0} ms`)
  return buf
}

function howToSupply(layer: Layer, manifest: Manifest): string {
  const raws = manifest.raw.filter((r) => layer.from.includes(r.id))
  return (
    `To supply it: set DATA_MIRROR to a folder or URL holding ${layer.path}, or its raw files under origin/ ` +
    '(laid out by URL path), or let the first start download them (internet, or DATA_ORIGIN for a copy of the ' +
    `upstream on an internal server):\n${raws.map((r) => `    ${r.url}`).join('\n')}`
  )
}
