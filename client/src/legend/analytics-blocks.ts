import type { CompareResult, EmergingResult, HotspotResult } from '@antt/contract'
import {
  CHANGE_CLASSES,
  CHANGE_COLORS,
  EMERGING_COLORS,
  EMERGING_LEGEND_ORDER,
  GI_CLASSES,
  GI_COLORS,
  LISA_CLASSES,
  LISA_COLORS,
} from '../analytics/analytics-colors.ts'
import { bivariateCell, bivariateFill } from '../analytics/bivariate-classes.ts'
import { emergingKind, hotspotMetricLabel } from '../analytics/format.ts'
import type {
  BivariateCellKey,
  BivariateModel,
  ChangeModel,
  EmergingModel,
  HotspotModel,
} from '../analytics/layer-models.ts'
import type { I18n } from '../i18n/index.ts'
import { analysisLevel } from '../state/atlas-state.ts'
import { classRow, type LegendBlock, type LegendRow, type LegendState, noDataRow } from './legend-block.ts'

/** The classes the analytics layers drew, each with the API answer it came from; null while loading. */
export interface AnalyticsDrawn {
  hotspot: { model: HotspotModel; result: HotspotResult } | null
  bivariate: BivariateModel | null
  change: { model: ChangeModel; result: CompareResult } | null
  emerging: { model: EmergingModel; result: EmergingResult } | null
}

const TERCILE = ['bivariate.low', 'bivariate.mid', 'bivariate.high'] as const

/** Blocks for the analytics layers that are on, in drawing order; a pending block while one is computed. */
export function analyticsBlocks(i18n: I18n, state: LegendState, drawn: AnalyticsDrawn): LegendBlock[] {
  const { layers } = state
  const blocks: LegendBlock[] = []
  if (layers.hotspots.on) blocks.push(hotspotBlock(i18n, state, drawn.hotspot))
  if (layers.bivariate.on) blocks.push(bivariateBlock(i18n, state, drawn.bivariate))
  if (layers.change.on) blocks.push(changeBlock(i18n, state, drawn.change))
  if (layers.emerging.on) blocks.push(emergingBlock(i18n, state, drawn.emerging))
  return blocks
}

function hotspotBlock(i18n: I18n, state: LegendState, h: AnalyticsDrawn['hotspot']): LegendBlock {
  const { t, fmt } = i18n
  const a = state.analytics.hotspot
  const gi = a.view === 'gi'
  const title = t(gi ? 'hotspot.title.gi' : 'hotspot.title.lisa')
  const subject = `${hotspotMetricLabel(i18n, a.metric)} · ${t(`level.${analysisLevel(state.level)}`)}`
  if (!h) return { layer: 'hotspots', title, notes: [subject], rows: [], pending: true }
  const { model, result } = h
  const rows: LegendRow[] = gi
    ? GI_CLASSES.map((c) => classRow(c, GI_COLORS[c], t(`hotspot.class.${c}`), model.counts[c] ?? 0, i18n))
    : LISA_CLASSES.map((c) => classRow(c, LISA_COLORS[c], t(`lisa.${c}`), model.counts[c] ?? 0, i18n))
  rows.push(noDataRow(t('legend.noData'), model.counts.noData, i18n))
  return {
    layer: 'hotspots',
    title,
    notes: [
      subject,
      t(gi ? 'hotspot.methodGi' : 'hotspot.methodLisa'),
      `${t('hotspot.methodP', { n: fmt.integer(result.method.permutations), seed: result.method.seed })} · ${t(
        a.fdr ? 'hotspot.methodFdr' : 'hotspot.methodNoFdr',
      )}`,
      t('hotspot.contiguity', { m: fmt.integer(result.method.tolerance_m) }),
      ...(a.metric === 'incident_rate_eb' ? [t('hotspot.methodEb')] : []),
    ],
    countHeader: t('legend.count'),
    rows,
    footer: [
      t('legend.units', { n: fmt.integer(model.shown) }),
      ...(result.counts.islands > 0 ? [t('hotspot.islands', { n: fmt.integer(result.counts.islands) })] : []),
    ].join(' · '),
  }
}

function bivariateBlock(i18n: I18n, state: LegendState, model: BivariateModel | null): LegendBlock {
  const { t, fmt } = i18n
  const title = t('bivariate.title')
  const notes = [`${t('bivariate.method')} · ${t(`level.${analysisLevel(state.level)}`)}`]
  if (!model) return { layer: 'bivariate', title, notes, rows: [], pending: true }
  const rows: LegendRow[] = []
  // need high to low, and within each coverage low to high: the worst cell first
  for (const need of [2, 1, 0])
    for (const coverage of [0, 1, 2]) {
      const { x, y } = bivariateCell(need, coverage)
      const id = `${x},${y}` as BivariateCellKey
      rows.push(
        classRow(
          id,
          bivariateFill(need, coverage),
          t('bivariate.cell', { need: t(TERCILE[need]), coverage: t(TERCILE[coverage]) }),
          model.counts[id] ?? 0,
          i18n,
        ),
      )
    }
  return {
    layer: 'bivariate',
    title,
    notes,
    countHeader: t('legend.count'),
    rows,
    footer: [
      t('legend.units', { n: fmt.integer(model.shown) }),
      ...(model.counts.noData > 0 ? [`${t('legend.noData')}: ${fmt.integer(model.counts.noData)}`] : []),
    ].join(' · '),
  }
}

function changeBlock(i18n: I18n, state: LegendState, c: AnalyticsDrawn['change']): LegendBlock {
  const { t, fmt } = i18n
  const title = t('change.title')
  const method = [
    t('change.method'),
    t(state.analytics.change.fdr ? 'hotspot.methodFdr' : 'hotspot.methodNoFdr'),
    t(`level.${analysisLevel(state.level)}`),
  ].join(' · ')
  if (!c) return { layer: 'change', title, notes: [method], rows: [], pending: true }
  const { model, result } = c
  const range = (p: { from: string; to: string }) =>
    t('period.range', { from: fmt.date(p.from), to: fmt.date(p.to) })
  return {
    layer: 'change',
    title,
    notes: [t('change.periods', { a: range(result.a), b: range(result.b) }), method],
    countHeader: t('legend.count'),
    rows: [
      ...CHANGE_CLASSES.map((cls) =>
        classRow(cls, CHANGE_COLORS[cls], t(`change.class.${cls}`), model.counts[cls], i18n),
      ),
      noDataRow(t('legend.noData'), model.counts.noData, i18n),
    ],
    footer: t('legend.units', { n: fmt.integer(model.shown) }),
  }
}

function emergingBlock(i18n: I18n, state: LegendState, e: AnalyticsDrawn['emerging']): LegendBlock {
  const { t, fmt } = i18n
  const title = t('emerging.title')
  const level = t(`level.${analysisLevel(state.level)}`)
  if (!e) return { layer: 'emerging', title, notes: [level], rows: [], pending: true }
  const { model, result } = e
  return {
    layer: 'emerging',
    title,
    notes: [
      `${t('emerging.subtitle', {
        n: fmt.integer(result.steps.length),
        from: result.steps[0],
        to: result.steps[result.steps.length - 1],
      })} · ${level}`,
    ],
    countHeader: t('legend.count'),
    // the categories present, and "no pattern" always, so the counts add up to the units shown
    rows: EMERGING_LEGEND_ORDER.filter((c) => c === 'no-pattern' || model.counts[c] > 0).map((c) => ({
      ...classRow(c, EMERGING_COLORS[c], t(`emerging.category.${c}`), model.counts[c], i18n),
      rule: t(`emerging.rule.${emergingKind(c)}`),
    })),
    footer: [
      t('legend.units', { n: fmt.integer(model.shown) }),
      ...(result.counts.low_counts > 0
        ? [t('emerging.lowCountsN', { n: fmt.integer(result.counts.low_counts) })]
        : []),
    ].join(' · '),
  }
}
