import type { EmergingCategory, HotspotClass, QuadrantLabel, RateChange } from '@antt/analysis'
import { DIVERGING } from '@antt/analysis'
import type { PriorityComponent } from '../state/priority-weights.ts'

/**
 * Colours of the analytics layers. Hot and cold spots: ColorBrewer RdBu, 7 classes (colour-blind safe), the
 * light middle for "not significant", as in ArcGIS Pro's Hot Spot Analysis and GeoDa.
 */
const RDBU7 = DIVERGING.RdBu[7]

/** Gi* classes top to bottom as the legend lists them. */
export const GI_CLASSES: readonly HotspotClass[] = [
  'hot-99',
  'hot-95',
  'hot-90',
  'not-significant',
  'cold-90',
  'cold-95',
  'cold-99',
]

export const GI_COLORS: Readonly<Record<HotspotClass, string>> = {
  'hot-99': RDBU7[0],
  'hot-95': RDBU7[1],
  'hot-90': RDBU7[2],
  'not-significant': '#eeeeee',
  'cold-90': RDBU7[4],
  'cold-95': RDBU7[5],
  'cold-99': RDBU7[6],
}

/** LISA clusters as GeoDa draws them: HH red, LL blue, the outliers in light tints. */
export const LISA_CLASSES: readonly (QuadrantLabel | 'not-significant')[] = [
  'HH',
  'HL',
  'LH',
  'LL',
  'not-significant',
]

export const LISA_COLORS: Readonly<Record<QuadrantLabel | 'not-significant', string>> = {
  HH: '#d7191c',
  HL: '#fdae61',
  LH: '#abd9e9',
  LL: '#2c7bb6',
  'not-significant': '#eeeeee',
}

/** Change classes: RdBu ends (rise red, fall blue), no significant change near white. */
export const CHANGE_CLASSES: readonly RateChange[] = ['rise', 'no-change', 'fall']
export const CHANGE_COLORS: Readonly<Record<RateChange, string>> = {
  rise: DIVERGING.RdBu[5][0],
  'no-change': '#f0f0f0',
  fall: DIVERGING.RdBu[5][4],
}

/**
 * One colour per part of the priority score: warm hues for need, cool hues for lack of coverage, from Paul
 * Tol's colour-blind-safe qualitative schemes ("muted" and "bright"; Tol 2021, SRON/EPS/TN/09-002).
 */
export const COMPONENT_COLORS: Readonly<Record<PriorityComponent, string>> = {
  incident_rate_eb: '#882255',
  hotspot_z: '#cc6677',
  border: '#ddcc77',
  strategic: '#999933',
  trend: '#aa4499',
  village_coverage_gap: '#332288',
  effective_gap: '#4477aa',
  evaluation_gap: '#88ccee',
  models_per_1000_gap: '#44aa99',
}

/**
 * Emerging hot spot categories, as the legend lists them: hot spots in reds (darkest where the clustering
 * intensifies or persists), cold spots in the matching blues, "no pattern" near white. Hues from ColorBrewer
 * Reds and Blues (9 classes) with the oscillating and historical categories in muted tints.
 */
export const EMERGING_COLORS: Readonly<Record<EmergingCategory, string>> = {
  'intensifying-hot-spot': '#67000d',
  'persistent-hot-spot': '#a50f15',
  'consecutive-hot-spot': '#cb181d',
  'new-hot-spot': '#ef3b2c',
  'sporadic-hot-spot': '#fc9272',
  'diminishing-hot-spot': '#fcbba1',
  'oscillating-hot-spot': '#d6a5a0',
  'historical-hot-spot': '#b48b88',
  'no-pattern': '#eeeeee',
  'historical-cold-spot': '#8a9cb0',
  'oscillating-cold-spot': '#a3b5c9',
  'diminishing-cold-spot': '#c6dbef',
  'sporadic-cold-spot': '#9ecae1',
  'new-cold-spot': '#4292c6',
  'consecutive-cold-spot': '#2171b5',
  'persistent-cold-spot': '#08519c',
  'intensifying-cold-spot': '#08306b',
}
export const EMERGING_LEGEND_ORDER = Object.keys(EMERGING_COLORS) as EmergingCategory[]
