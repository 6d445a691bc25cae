import { isMetricName, type MetricName } from '../metrics/catalog.ts'
import { decodeWeights, encodeWeights, type PriorityWeights } from './priority-weights.ts'

/** Metrics the hot-spot statistics accept: every metric of /api/metrics (the EB-smoothed incident rate among them). */
export type HotspotMetric = MetricName
export const DEFAULT_HOTSPOT_METRIC: HotspotMetric = 'incident_rate_eb'
export const PERMUTATION_CHOICES = [99, 499, 999, 9999] as const

export interface Period {
  from: string
  to: string
}

/** The analytics part of the view (hot spots, bivariate map, change map, priority table); all in the URL. */
export interface AnalyticsState {
  hotspot: {
    metric: HotspotMetric
    /** Getis–Ord Gi* classes or local Moran (LISA) clusters */
    view: 'gi' | 'lisa'
    permutations: number
    /** classes on Benjamini–Hochberg adjusted p-values */
    fdr: boolean
  }
  bivariate: {
    /** need axis: the need part of the priority score, or the EB-smoothed incident rate */
    need: 'need' | 'rate'
    /** coverage axis: village coverage, or the lack-of-coverage part of the priority score (inverted) */
    coverage: 'village' | 'score'
  }
  change: {
    /** null: the API's default (B = the period in force or the last 12 months, A = the period before) */
    a: Period | null
    b: Period | null
    fdr: boolean
  }
  /** null: DEFAULT_PRIORITY_WEIGHTS */
  weights: PriorityWeights | null
  /** what the ranking panel shows: units by a metric, or by priority score */
  table: 'metrics' | 'priority' | 'plan'
}

export const DEFAULT_ANALYTICS: Readonly<AnalyticsState> = Object.freeze({
  hotspot: { metric: DEFAULT_HOTSPOT_METRIC, view: 'gi', permutations: 999, fdr: true },
  bivariate: { need: 'need', coverage: 'village' },
  change: { a: null, b: null, fdr: false },
  weights: null,
  table: 'metrics',
} satisfies AnalyticsState)

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isHotspotMetric(s: string): s is HotspotMetric {
  return isMetricName(s)
}

const periodText = (p: Period) => `${p.from}_${p.to}`
function parsePeriod(text: string | null): Period | null {
  if (!text) return null
  const [from, to] = text.split('_')
  if (!ISO_DATE.test(from ?? '') || !ISO_DATE.test(to ?? '') || from > to) return null
  return { from, to }
}

/** Query parameters of the analytics state, defaults left out (url-state.ts appends them to the view's). */
export function encodeAnalytics(a: AnalyticsState): [string, string][] {
  const d = DEFAULT_ANALYTICS
  const p: [string, string][] = []
  if (a.hotspot.metric !== d.hotspot.metric) p.push(['hsm', a.hotspot.metric])
  if (a.hotspot.view !== d.hotspot.view) p.push(['hsv', a.hotspot.view])
  if (a.hotspot.permutations !== d.hotspot.permutations) p.push(['hsp', String(a.hotspot.permutations)])
  if (a.hotspot.fdr !== d.hotspot.fdr) p.push(['hsf', a.hotspot.fdr ? '1' : '0'])
  if (a.bivariate.need !== d.bivariate.need) p.push(['bvn', a.bivariate.need])
  if (a.bivariate.coverage !== d.bivariate.coverage) p.push(['bvc', a.bivariate.coverage])
  if (a.change.a) p.push(['ca', periodText(a.change.a)])
  if (a.change.b) p.push(['cb', periodText(a.change.b)])
  if (a.change.fdr !== d.change.fdr) p.push(['cf', a.change.fdr ? '1' : '0'])
  const w = encodeWeights(a.weights)
  if (w) p.push(['pw', w])
  if (a.table !== d.table) p.push(['tab', a.table === 'plan' ? 'plan' : 'prio'])
  return p
}

/** The analytics state from the query string; anything unknown or malformed falls back to the default. */
export function decodeAnalytics(q: URLSearchParams): AnalyticsState {
  const d = DEFAULT_ANALYTICS
  const hsm = q.get('hsm')
  const hsp = Number(q.get('hsp'))
  const a = parsePeriod(q.get('ca'))
  const b = parsePeriod(q.get('cb'))
  const overlap = a && b && a.from <= b.to && b.from <= a.to
  return {
    hotspot: {
      metric: hsm && isHotspotMetric(hsm) ? hsm : d.hotspot.metric,
      view: q.get('hsv') === 'lisa' ? 'lisa' : 'gi',
      permutations: (PERMUTATION_CHOICES as readonly number[]).includes(hsp) ? hsp : d.hotspot.permutations,
      fdr: q.get('hsf') === '0' ? false : d.hotspot.fdr,
    },
    bivariate: {
      need: q.get('bvn') === 'rate' ? 'rate' : 'need',
      coverage: q.get('bvc') === 'score' ? 'score' : 'village',
    },
    change: {
      a: overlap ? null : a,
      b: overlap ? null : b,
      fdr: q.get('cf') === '1',
    },
    weights: decodeWeights(q.get('pw')),
    table: q.get('tab') === 'prio' ? 'priority' : q.get('tab') === 'plan' ? 'plan' : 'metrics',
  }
}
