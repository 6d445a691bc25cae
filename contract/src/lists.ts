// Lists the API and the client share, written once. Plain values without zod, so the client can import them
// without the schema library.
import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'

/** Every metric of /api/metrics (sql/functions/03_metrics.sql), the Empirical-Bayes smoothed rate among them. */
// biome-ignore format: a list, kept compact
export const METRIC_NAMES = [
  'population', 'area_km2', 'villages', 'villages_covered', 'active_models', 'weak_models', 'dissolved_models',
  'exemplary_models', 'models_per_1000', 'village_coverage', 'population_covered', 'compliant_models',
  'evaluation_compliance', 'rated_models', 'effective_models', 'effective_share', 'incidents',
  'incident_rate_per_1000', 'incident_rate_eb', 'incidents_per_km2', 'outreach_sessions', 'outreach_per_1000', 'funding_vnd',
  'funding_per_resident', 'distance_to_border_km', 'border_belt_share',
] as const
export type MetricName = (typeof METRIC_NAMES)[number]

/** What the import and export endpoints take (one importer each: api/src/imports/kinds/). */
export const IMPORT_KINDS = [
  'models',
  'evaluations',
  'incidents',
  'outreach',
  'certifications',
  'funding',
  'villages',
  'boundaries',
] as const
export type ImportKind = (typeof IMPORT_KINDS)[number]

/** Levels of /api/units. */
export const UNIT_LEVELS = ['province', 'commune', 'commune_2008', 'village'] as const
export type UnitLevel = (typeof UNIT_LEVELS)[number]

/** Levels the metrics and statistics are computed at. */
export const LEVELS = ['commune', 'village'] as const
export type Level = (typeof LEVELS)[number]

/** Levels of /api/metrics: the province rows add up their communes by the definitions of the totals. */
export const METRICS_LEVELS = ['province', ...LEVELS] as const
export type MetricsLevel = (typeof METRICS_LEVELS)[number]

export const MODEL_STATUSES = ['active', 'weak', 'dissolved'] as const

/** Kinds of border features (/api/layers/border_features), in the order the map draws their symbols. */
export const BORDER_FEATURE_KINDS = [
  'gate_international',
  'gate_main',
  'gate_secondary',
  'opening',
  'marker',
  'post',
] as const

/** Built-in alert conditions, in the order the rules form offers them (the API's evaluation: api/src/alerts/conditions.ts). */
export const ALERT_CONDITIONS = [
  'village_coverage_below',
  'population_covered_below',
  'overdue_evaluations_above',
  'hot_spot_emerging',
  'incident_spike',
  'exemplary_dissolved',
  'no_outreach_months',
] as const
export type AlertCondition = (typeof ALERT_CONDITIONS)[number]

/** The parts of the priority score (its default weights: analysis/src/priority.ts), need first. */
export type PriorityComponent = keyof typeof DEFAULT_PRIORITY_WEIGHTS
export const PRIORITY_COMPONENTS = Object.keys(DEFAULT_PRIORITY_WEIGHTS) as PriorityComponent[]
/** The need part of the score (/api/priorities `need`, `method.need`). */
export const NEED_COMPONENTS: readonly PriorityComponent[] = [
  'incident_rate_eb',
  'hotspot_z',
  'border',
  'strategic',
  'trend',
]
/** The rest of the score: lack of coverage (`lack_of_coverage`). */
export const COVERAGE_COMPONENTS: readonly PriorityComponent[] = PRIORITY_COMPONENTS.filter(
  (k) => !NEED_COMPONENTS.includes(k),
)
