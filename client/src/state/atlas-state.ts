import type { ClassMethod, PaletteName } from '@antt/analysis'
import type { Level, MetricsLevel } from '@antt/contract'
import type { Lang } from '../i18n/format.ts'
import type { MetricName } from '../metrics/catalog.ts'
import { type AnalyticsState, DEFAULT_ANALYTICS } from './analytics-state.ts'

/** Layers that fill the units with colour: one at a time, so colours never mix and the legend stays true. */
export const FILL_LAYERS = ['choropleth', 'hotspots', 'bivariate', 'change', 'emerging', 'standard'] as const

/** Every map layer the user can switch; the order is the drawing order, bottom to top. */
export const LAYER_IDS = [
  ...FILL_LAYERS,
  'area_classes',
  'border_belt',
  'communes_2008',
  'incidents',
  'border_line',
  'models',
  'border_features',
  'labels',
] as const
export type LayerId = (typeof LAYER_IDS)[number]

export interface LayerSetting {
  on: boolean
  /** 0–1 */
  opacity: number
}

/** The level of the analyses (hot spots, priorities, coverage standards): the API's, communes or villages. */
export type { Level } from '@antt/contract'
/** The level the thematic map and the ranking show: in national mode also provinces (the API's MetricsLevel). */
export type MapLevel = MetricsLevel
/** A province's code (two digits) rather than a commune's (five) or a village's (five, a dash, three). */
export const isProvinceCode = (code: string): boolean => /^\d{2}$/.test(code)
/** The analyses run on communes when the map shows provinces (over the national commune lattice). */
export const analysisLevel = (level: MapLevel): Level => (level === 'province' ? 'commune' : level)
export type DensityMode = 'hex' | 'heatmap'

export interface Camera {
  lon: number
  lat: number
  zoom: number
}

export interface Filters {
  types: string[]
  statuses: string[]
  orgs: string[]
  categories: string[]
  classes: string[]
}

export interface Classification {
  metric: MetricName
  method: ClassMethod
  k: number
  palette: PaletteName | null
  /** manual breaks (method 'manual') or locked breaks (locked = true); upper bounds, ascending */
  breaks: number[] | null
  locked: boolean
}

/** The whole view: everything here is in the URL, so a copied link restores it. */
export interface AtlasState {
  lang: Lang
  camera: Camera | null
  level: MapLevel
  classification: Classification
  layers: Record<LayerId, LayerSetting>
  density: DensityMode
  /** period; null = the API's default (the last 12 months of data) */
  from: string | null
  to: string | null
  filters: Filters
  /** selected unit code (province 2 digits, commune 5 digits, village 5-3 digits) */
  selected: string | null
  /** commune whose villages are shown (drill-down) */
  drill: string | null
  table: boolean
  /** ranking sort: metric name, descending unless `asc` */
  sort: { key: MetricName | 'name'; asc: boolean }
  /** hot spots, bivariate and change maps, priority weights (analytics-state.ts) */
  analytics: AnalyticsState
  /** what-if scenario the figures are computed under (/api/scenarios); null = the actual records */
  scenario: number | null
}

export const DEFAULT_LAYERS: Readonly<Record<LayerId, LayerSetting>> = {
  choropleth: { on: true, opacity: 0.85 },
  hotspots: { on: false, opacity: 0.85 },
  bivariate: { on: false, opacity: 0.9 },
  change: { on: false, opacity: 0.85 },
  emerging: { on: false, opacity: 0.85 },
  standard: { on: false, opacity: 0.85 },
  area_classes: { on: false, opacity: 1 },
  border_belt: { on: true, opacity: 0.8 },
  communes_2008: { on: false, opacity: 1 },
  incidents: { on: false, opacity: 0.8 },
  border_line: { on: true, opacity: 1 },
  models: { on: false, opacity: 0.9 },
  border_features: { on: false, opacity: 1 },
  labels: { on: true, opacity: 1 },
}

export const DEFAULT_STATE: Readonly<AtlasState> = Object.freeze({
  lang: 'vi',
  camera: null,
  level: 'commune',
  classification: {
    metric: 'incident_rate_per_1000',
    method: 'quantile',
    k: 5,
    palette: null,
    breaks: null,
    locked: false,
  },
  layers: DEFAULT_LAYERS,
  density: 'hex',
  from: null,
  to: null,
  filters: { types: [], statuses: [], orgs: [], categories: [], classes: [] },
  selected: null,
  drill: null,
  table: false,
  sort: { key: 'incident_rate_per_1000', asc: false },
  analytics: DEFAULT_ANALYTICS,
  scenario: null,
} satisfies AtlasState)
