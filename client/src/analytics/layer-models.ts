import type { EmergingCategory, HotspotClass, QuadrantLabel, RateChange } from '@antt/analysis'
import type {
  CompareResult,
  CompareRow,
  EmergingResult,
  EmergingRow,
  HotspotResult,
  HotspotRow,
  PriorityResult,
  PriorityRow,
} from '@antt/contract'
import type { AnalyticsState } from '../state/analytics-state.ts'
import {
  CHANGE_COLORS,
  EMERGING_COLORS,
  EMERGING_LEGEND_ORDER,
  GI_COLORS,
  LISA_COLORS,
} from './analytics-colors.ts'
import { bivariateCell, bivariateFill, type Terciles, tercileOf, terciles } from './bivariate-classes.ts'

/**
 * What the map and the legend draw for each analytics layer, from an API answer: a colour per unit, the
 * units to outline and the count per class. Statistics are computed over every unit of the level (the
 * province); counts are over the units shown (a drilled commune's villages, or all).
 */
export interface LayerModel<C extends string, R> {
  colorByCode: Map<string, string>
  classByCode: Map<string, C>
  emphasised: Set<string>
  counts: Record<C | 'noData', number>
  shown: number
  rowByCode: Map<string, R>
  key: string
}

/** Which units are on the map: the drilled commune's villages, or every unit of the level. */
export function isShown(row: { code: string; commune_code?: string | null }, drill: string | null): boolean {
  return !drill || row.code === drill || row.commune_code === drill || row.code.startsWith(`${drill}-`)
}

function emptyCounts<C extends string>(classes: readonly C[]): Record<C | 'noData', number> {
  const out = { noData: 0 } as Record<C | 'noData', number>
  for (const c of classes) out[c] = 0
  return out
}

/** A unit's class on an analytics layer, its fill, and whether the map outlines it; null: no data. */
type Classified<C extends string> = { cls: C; color: string; emphasised: boolean } | null

/**
 * The model every analytics layer shares: each row kept by code, and each row shown counted in the class
 * `classify` puts it in.
 */
function classifiedModel<C extends string, R extends { code: string; commune_code?: string | null }>(
  rows: readonly R[],
  classes: readonly C[],
  key: string,
  drill: string | null,
  classify: (r: R) => Classified<C>,
): LayerModel<C, R> {
  const m: LayerModel<C, R> = {
    colorByCode: new Map(),
    classByCode: new Map(),
    emphasised: new Set(),
    counts: emptyCounts(classes),
    shown: 0,
    rowByCode: new Map(),
    key,
  }
  for (const r of rows) {
    m.rowByCode.set(r.code, r)
    if (!isShown(r, drill)) continue
    m.shown++
    const c = classify(r)
    if (c === null) {
      m.counts.noData++
      continue
    }
    m.counts[c.cls]++
    m.classByCode.set(r.code, c.cls)
    m.colorByCode.set(r.code, c.color)
    if (c.emphasised) m.emphasised.add(r.code)
  }
  return m
}

export type LisaClass = QuadrantLabel | 'not-significant'
export type HotspotModel = LayerModel<HotspotClass | LisaClass, HotspotRow>

export function hotspotModel(
  result: HotspotResult,
  view: AnalyticsState['hotspot']['view'],
  drill: string | null,
): HotspotModel {
  const classes = (view === 'gi' ? Object.keys(GI_COLORS) : Object.keys(LISA_COLORS)) as (
    | HotspotClass
    | LisaClass
  )[]
  return classifiedModel(
    result.rows,
    classes,
    `${view}|${result.metric}|${result.level}|${result.period.from}|${result.period.to}|${result.method.permutations}|${result.method.fdr}|${drill}`,
    drill,
    (r) => {
      const cls = view === 'gi' ? r.gi_class : r.lisa_cluster
      if (cls === null) return null
      const color = view === 'gi' ? GI_COLORS[cls as HotspotClass] : LISA_COLORS[cls as LisaClass]
      return { cls, color, emphasised: cls !== 'not-significant' }
    },
  )
}

/** "x,y" of the 3 × 3 legend, x = need class, y = the coverage class turned upside down. */
export type BivariateCellKey = `${0 | 1 | 2},${0 | 1 | 2}`
export interface BivariateModel extends LayerModel<BivariateCellKey, PriorityRow> {
  need: Terciles
  coverage: Terciles
  needClassByCode: Map<string, number>
  coverageClassByCode: Map<string, number>
}

export const needValue = (r: PriorityRow, axis: AnalyticsState['bivariate']['need']) =>
  axis === 'need' ? r.need : r.values.incident_rate_eb

/** Coverage, higher = better covered: village coverage, or minus the lack-of-coverage points. */
export const coverageValue = (r: PriorityRow, axis: AnalyticsState['bivariate']['coverage']) =>
  axis === 'village' ? r.values.village_coverage : -r.lack_of_coverage

export function bivariateModel(
  result: PriorityResult,
  axes: AnalyticsState['bivariate'],
  drill: string | null,
): BivariateModel {
  const axis = axes.need
  const need = terciles(result.rows.map((r) => needValue(r, axis)))
  const coverage = terciles(result.rows.map((r) => coverageValue(r, axes.coverage)))
  const cells: BivariateCellKey[] = []
  for (let y = 0; y < 3; y++) for (let x = 0; x < 3; x++) cells.push(`${x},${y}` as BivariateCellKey)
  const needClassByCode = new Map<string, number>()
  const coverageClassByCode = new Map<string, number>()
  const m = classifiedModel(
    result.rows,
    cells,
    `${axis}|${axes.coverage}|${result.level}|${result.period.from}|${result.period.to}|${JSON.stringify(result.weights)}|${drill}`,
    drill,
    (r) => {
      const n = tercileOf(need, needValue(r, axis))
      const c = tercileOf(coverage, coverageValue(r, axes.coverage))
      if (n === null || c === null) return null
      needClassByCode.set(r.code, n)
      coverageClassByCode.set(r.code, c)
      const { x, y } = bivariateCell(n, c)
      return {
        cls: `${x},${y}` as BivariateCellKey,
        color: bivariateFill(n, c),
        emphasised: n === 2 && c === 0,
      }
    },
  )
  return { ...m, need, coverage, needClassByCode, coverageClassByCode }
}

export type ChangeModel = LayerModel<RateChange, CompareRow>

export function changeModel(result: CompareResult, drill: string | null): ChangeModel {
  return classifiedModel(
    result.rows,
    ['rise', 'no-change', 'fall'] as RateChange[],
    `${result.level}|${result.a.from}|${result.a.to}|${result.b.from}|${result.b.to}|${result.method.change_class}|${drill}`,
    drill,
    (r) =>
      r.change_class === null
        ? null
        : {
            cls: r.change_class,
            color: CHANGE_COLORS[r.change_class],
            emphasised: r.change_class !== 'no-change',
          },
  )
}

export type EmergingModel = LayerModel<EmergingCategory, EmergingRow>

export function emergingModel(result: EmergingResult, drill: string | null): EmergingModel {
  return classifiedModel(
    result.rows,
    EMERGING_LEGEND_ORDER,
    `${result.level}|${result.step}|${result.period.from}|${result.period.to}|${drill}`,
    drill,
    (r) => ({ cls: r.category, color: EMERGING_COLORS[r.category], emphasised: r.category !== 'no-pattern' }),
  )
}
