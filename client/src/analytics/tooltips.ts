import type { CompareRow, EmergingRow, HotspotRow, PriorityRow } from '@antt/contract'
import type { I18n } from '../i18n/index.ts'
import type { AnalyticsState, HotspotMetric } from '../state/analytics-state.ts'
import { formatHotspotValue, formatP, hotspotMetricLabel } from './format.ts'
import { type BivariateModel, needValue } from './layer-models.ts'

export interface TooltipText {
  title: string
  lines: string[]
}

const TERCILE = ['bivariate.low', 'bivariate.mid', 'bivariate.high'] as const

export function hotspotTooltip(
  i18n: I18n,
  row: HotspotRow,
  metric: HotspotMetric,
  view: AnalyticsState['hotspot']['view'],
  fdr: boolean,
): TooltipText {
  const { t, fmt } = i18n
  const lines = [`${hotspotMetricLabel(i18n, metric)}: ${formatHotspotValue(i18n, metric, row.value)}`]
  if (view === 'gi') {
    lines.push(
      t('hotspot.tooltipGi', {
        z: fmt.number(row.gi_z, 2),
        p: formatP(i18n, fdr ? row.gi_p_fdr : row.gi_p),
      }) + (fdr ? ` (${t('hotspot.fdrShort')})` : ''),
    )
    lines.push(row.gi_class ? t(`hotspot.class.${row.gi_class}`) : t('legend.noData'))
  } else {
    lines.push(
      t('hotspot.tooltipLisa', {
        i: fmt.number(row.moran_i, 2),
        p: formatP(i18n, fdr ? row.lisa_p_fdr : row.lisa_p),
      }) + (fdr ? ` (${t('hotspot.fdrShort')})` : ''),
    )
    lines.push(row.lisa_cluster ? t(`lisa.${row.lisa_cluster}`) : t('legend.noData'))
  }
  lines.push(t('tooltip.clickHint'))
  return { title: row.name, lines }
}

export function bivariateTooltip(
  i18n: I18n,
  row: PriorityRow,
  model: BivariateModel,
  axes: AnalyticsState['bivariate'],
): TooltipText {
  const axis = axes.need
  const { t, fmt } = i18n
  const n = model.needClassByCode.get(row.code)
  const c = model.coverageClassByCode.get(row.code)
  const v = needValue(row, axis)
  const needText =
    axis === 'need'
      ? t('priority.points', { n: fmt.number(v, 1) })
      : `${fmt.number(v, 2)} ${t('unit.per_1000_year')}`
  const lines = [
    `${t(axis === 'need' ? 'bivariate.needScore' : 'bivariate.needRate')}: ${needText}${n === undefined ? '' : ` (${t(TERCILE[n])})`}`,
    `${t(axes.coverage === 'village' ? 'bivariate.coverage' : 'bivariate.coverageScore')}: ${
      axes.coverage === 'village'
        ? fmt.percent(row.values.village_coverage)
        : t('bivariate.gapPoints', { n: fmt.number(row.lack_of_coverage, 1) })
    }${c === undefined ? '' : ` (${t(TERCILE[c])})`}`,
  ]
  if (n !== undefined && c !== undefined)
    lines.unshift(t('bivariate.cell', { need: t(TERCILE[n]), coverage: t(TERCILE[c]) }))
  lines.push(t('tooltip.clickHint'))
  return { title: row.name, lines }
}

export function changeTooltip(i18n: I18n, row: CompareRow): TooltipText {
  const { t, fmt } = i18n
  const lines = [
    t('change.tooltipA', { n: fmt.integer(row.count_a), rate: fmt.number(row.rate_a, 2) }),
    t('change.tooltipB', { n: fmt.integer(row.count_b), rate: fmt.number(row.rate_b, 2) }),
    t('change.ratio', {
      rr: row.rate_ratio === null ? ((row.count_b ?? 0) > 0 ? '∞' : '–') : fmt.number(row.rate_ratio, 2),
      lo: fmt.number(row.ci_lower, 2),
      hi: row.ci_upper === null ? ((row.count_b ?? 0) > 0 ? '∞' : '–') : fmt.number(row.ci_upper, 2),
    }),
    `p = ${formatP(i18n, row.p_value)}${row.change_class ? ` · ${t(`change.class.${row.change_class}`)}` : ''}`,
    t('tooltip.clickHint'),
  ]
  return { title: row.name, lines }
}

export function emergingTooltip(i18n: I18n, row: EmergingRow): TooltipText {
  const { t, fmt } = i18n
  const lines = [
    t(`emerging.category.${row.category}`),
    t('emerging.trend', { z: fmt.number(row.trend_z, 2), p: formatP(i18n, row.trend_p) }),
  ]
  if (row.low_counts) lines.push(t('emerging.lowCounts'))
  lines.push(t('tooltip.clickHint'))
  return { title: row.name, lines }
}
