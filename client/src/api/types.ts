// Response shapes of the ANTT Atlas API (api/src/routes, issue 3's contract). Written out here rather than
// imported from api/src so the client's type check does not depend on the server's sources.
import type {
  FeatureCollection,
  Geometry,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
} from 'geojson'
import type { MetricName } from '../metrics/catalog.ts'

export interface Health {
  status: 'ok'
  database: 'embedded' | 'postgres'
  demo: boolean
  /** the area served: titles, exports and the first map view */
  area: {
    provinces: string[]
    name: string
    name_en: string
    bounds: [number, number, number, number] | null
    neighbours: { code: string; name: string; label: [number, number] }[]
  }
  communes: number
  villages: number
  data_range: { from: string; to: string }
}

export interface Meta {
  demo: boolean
  demo_notice: { vi: string; en: string }
  data_range: { from: string; to: string }
  default_period: { from: string; to: string }
  sources: string[]
}

export interface Taxon {
  code: string
  name_vi: string
  name_en: string
  [extra: string]: unknown
}

export interface Taxonomies {
  model_types: (Taxon & { coverage: 'village' | 'commune' | 'radius'; radius_m: number | null })[]
  incident_categories: (Taxon & { group_code: string })[]
  lead_orgs: Taxon[]
  ratings: (Taxon & { rank: number; effective: boolean })[]
  area_classes: Taxon[]
  statuses: Taxon[]
}

export type MetricsRow = {
  code: string
  name: string
  commune_code: string | null
  is_border: boolean
  area_classes: string[]
  /** set when the caller may see only aggregates and the unit's incident count is under 3 (withheld) */
  incidents_suppressed?: boolean
  /** the raw incident rate rests on small numbers; null when the count is withheld */
  incident_rate_flagged: boolean | null
} & Record<MetricName, number | null>

export interface MetricsResult {
  level: 'commune' | 'village'
  period: { from: string; to: string }
  /** the filters applied, as validated (absent keys: no filter) */
  filters?: Partial<Record<'types' | 'statuses' | 'orgs' | 'categories' | 'classes', string[]>>
  rows: MetricsRow[]
  totals: Record<string, number | null>
  /** below these a raw incident rate is flagged (incident_rate_flagged) */
  small_numbers: { min_population: number; min_count: number }
}

export interface CommuneProps {
  code: string
  name: string
  full_name: string
  type: string
  population: number
  area_km2: number
  is_border: boolean
  distance_to_border_km: number
  area_classes: string[]
}

/** A commune of 2008 (before the 2025 merger) and the 2025 communes it became part of. */
export interface Commune2008Props {
  code: string
  name: string
  district: string
  population: number | null
  new_codes: string[]
}

export interface VillageProps {
  code: string
  name: string
  commune_code: string
  kind: string
  population: number
}

export type UnitCollection<P> = FeatureCollection<Polygon | MultiPolygon, P>

export interface Evaluation {
  date: string
  rating: string
}

export interface SecurityModel {
  id: string
  name: string
  type_code: string
  village_code: string | null
  lead_org_code: string
  founded_on: string
  members: number
  exemplary: boolean
  status: string
  dissolved_on: string | null
  dissolved_reason: string | null
  lon: number
  lat: number
  evaluations: Evaluation[]
}

export interface UnitDetail {
  code: string
  name: string
  level: 'commune' | 'village'
  kind: string
  commune: { code: string; name: string } | null
  period: { from: string; to: string }
  metrics: MetricsRow | null
  incident_series: { month: string; category: string; n: number }[]
  villages: MetricsRow[]
  /** empty when `models_withheld` says why (an aggregate-only role); `models_count` is always the number */
  models: SecurityModel[]
  models_count: number
  models_withheld: 'aggregate_only' | null
  certifications: {
    year: number
    subject_kind: string
    subject_name: string
    village_code: string | null
    certified: boolean
  }[]
}

export interface SearchResult {
  level: 'commune' | 'village'
  code: string
  name: string
  commune_code: string | null
  commune_name: string | null
  lon: number
  lat: number
}

/** /api/layers/models (points; issue 3). */
export interface ModelPointProps {
  id: string
  name?: string
  type_code: string
  status: string
  last_rating: string | null
  evaluation_overdue: boolean
  radius_m: number | null
}

export type ModelPoints = FeatureCollection<Point, ModelPointProps>
export type BorderLine = FeatureCollection<LineString | MultiLineString>
export type BorderBelt = FeatureCollection<Polygon | MultiPolygon>
export type BorderFeatures = FeatureCollection<
  Point,
  { kind?: string; type?: string; name?: string; [k: string]: unknown }
>
export type IncidentDensity = FeatureCollection<
  Geometry,
  { count?: number; n?: number; suppressed?: boolean; [k: string]: unknown }
>
