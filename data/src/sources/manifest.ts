// The source manifest, data/sources.json: the raw upstream files and the layers derived from them.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** A province formed by the 2025 merger whose history (old outlines, codes, communes) the manifest can load. */
export interface MergedProvince {
  name: string
  /** codes of the provinces it was formed from; the first is the one the 2008 communes and districts belong to */
  old_provinces: string[]
  /** the old province's English name in the 2008 commune table (PRO_NAME_E) */
  province_2008_en: string
}

/** How the land border is told from the coast; see the comment in data/sources.json. */
export interface BorderConfig {
  /** a stretch of outline within this distance of another province's commune counts as shared */
  tolerance_m: number
  /** unshared bits shorter than this (where the sources disagree by more than the tolerance) are dropped */
  min_piece_m: number
  /** an unshared stretch within this distance of the coarse land border is land border, else coast */
  near_land_m: number
  /** where the land border meets the sea (first and last) and the tripoints between, in order along it */
  ends: { what: string; lonlat: [number, number] }[]
  /** the neighbouring country of each stretch between two consecutive ends */
  countries: string[]
}

/** What the areas have in common; AREA chooses which provinces (see area.ts). */
export interface AreaConfig {
  /** AREA when unset */
  default: string
  /** date the provinces took their present shape (ISO) */
  since: string
  /** the centrally-run cities: "Thành phố …" rather than "Tỉnh …" */
  cities: string[]
  border: BorderConfig
  merged: Record<string, MergedProvince>
}

/** One upstream file, byte for byte as its pinned URL serves it. */
export interface RawFile {
  id: string
  url: string
  /**
   * SHA-256 of the file; or, for the three large shapefile parts (communes_2008_shp/_dbf, census_2009_dbf) whose
   * bytes were not at hand when the manifest was written, the git blob SHA-1 their repository records (what
   * `git hash-object` gives, checked the same way); the fetch prints their SHA-256 at first download.
   */
  sha256?: string
  git_blob_sha1?: string
  what: string
  licence: string
}

/** A file the seed loads, derived in code from raw files (or found already derived). */
export interface Layer {
  id: string
  /** where the derived file sits in a mirror or the cache */
  path: string
  what: string
  /** only the required layers must resolve; the app starts without the others and says so */
  required: boolean
  from: string[]
  origin: string
  licence: string
  /** expected size of the result, so that a changed upstream or recipe is noticed (see checkLayer) */
  check: { features?: number; rows?: number; area_km2?: number; length_km?: number }
  /** loaded only when the area holds this province (its history layers) */
  province?: string
}

export interface Manifest {
  area: AreaConfig
  raw: RawFile[]
  layers: Layer[]
}

const MANIFEST = fileURLToPath(new URL('../../sources.json', import.meta.url))

export function readManifest(file = MANIFEST): Manifest {
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest
}

/** The path part of a raw file's URL after the host: how mirrors, the cache and DATA_ORIGIN lay raw files out. */
export function rawPath(raw: RawFile): string {
  return new URL(raw.url).pathname.replace(/^\/+/, '')
}
