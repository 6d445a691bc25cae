import type { PaletteName } from '@antt/analysis'
import type { MetricName } from '@antt/contract'

/** How a metric's values read: decides formatting, the legend's unit and the default palette. */
export type MetricKind =
  | 'count'
  | 'people'
  | 'share'
  | 'per_1000'
  /** per 1,000 residents per year: incident rates, annualised by the API so periods compare */
  | 'per_1000_year'
  | 'per_km2'
  | 'km'
  | 'km2'
  | 'vnd'
  | 'vnd_per_person'

export interface MetricDef {
  name: MetricName
  kind: MetricKind
  /** true when a higher value is better (coverage), false when worse (incidents), null when neutral */
  higherIsBetter: boolean | null
  palette: PaletteName
}

export type { MetricName }

/** Kind and direction of every metric of the API; its keys, in this order, are the order metrics are offered in. */
const KIND: Record<MetricName, [MetricKind, boolean | null]> = {
  incident_rate_per_1000: ['per_1000_year', false],
  incident_rate_eb: ['per_1000_year', false],
  incidents: ['count', false],
  incidents_per_km2: ['per_km2', false],
  village_coverage: ['share', true],
  active_models: ['count', true],
  models_per_1000: ['per_1000', true],
  evaluation_compliance: ['share', true],
  effective_share: ['share', true],
  weak_models: ['count', false],
  dissolved_models: ['count', false],
  exemplary_models: ['count', true],
  outreach_per_1000: ['per_1000', true],
  outreach_sessions: ['count', true],
  funding_per_resident: ['vnd_per_person', true],
  funding_vnd: ['vnd', true],
  population: ['people', null],
  population_covered: ['people', true],
  villages: ['count', null],
  villages_covered: ['count', true],
  area_km2: ['km2', null],
  distance_to_border_km: ['km', null],
  border_belt_share: ['share', null],
  compliant_models: ['count', true],
  rated_models: ['count', null],
  effective_models: ['count', true],
}

/** The API's metrics (@antt/contract) in the order the interface offers them. */
export const METRIC_NAMES = Object.keys(KIND) as MetricName[]

function paletteFor(higherIsBetter: boolean | null, kind: MetricKind): PaletteName {
  if (higherIsBetter === false) return 'YlOrRd'
  if (higherIsBetter === true) return kind === 'vnd' || kind === 'vnd_per_person' ? 'Purples' : 'YlGnBu'
  return 'Blues'
}

export const METRICS: Readonly<Record<MetricName, MetricDef>> = Object.fromEntries(
  METRIC_NAMES.map((name) => {
    const [kind, higherIsBetter] = KIND[name]
    return [name, { name, kind, higherIsBetter, palette: paletteFor(higherIsBetter, kind) }]
  }),
) as Record<MetricName, MetricDef>

/** The incident rate raw and Empirical-Bayes smoothed: the map switches between the two. */
export const INCIDENT_RATES = ['incident_rate_per_1000', 'incident_rate_eb'] as const
export type IncidentRate = (typeof INCIDENT_RATES)[number]

export function isIncidentRate(m: MetricName): m is IncidentRate {
  return (INCIDENT_RATES as readonly string[]).includes(m)
}

export function isMetricName(s: string): s is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(s)
}

/** Metrics shown at a level: all of them for provinces and communes; at village level not funding (it is only
 * allocated to communes). */
export function metricsForLevel(level: 'province' | 'commune' | 'village'): readonly MetricName[] {
  return level === 'village'
    ? METRIC_NAMES.filter(
        (m) =>
          m !== 'funding_vnd' &&
          m !== 'funding_per_resident' &&
          m !== 'border_belt_share' &&
          m !== 'villages',
      )
    : METRIC_NAMES
}
