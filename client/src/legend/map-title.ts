import { hotspotMetricLabel } from '../analytics/format.ts'
import type { I18n } from '../i18n/index.ts'
import type { LegendState } from './legend-block.ts'

/** The title an exported map gets by default: the layer that fills the units, as its legend block names it. */
export function mapTitle(
  i18n: I18n,
  state: Pick<LegendState, 'layers' | 'analytics' | 'classification'>,
): string {
  const { t } = i18n
  const { layers, analytics: a } = state
  if (layers.hotspots.on)
    return `${t(a.hotspot.view === 'gi' ? 'hotspot.title.gi' : 'hotspot.title.lisa')}: ${hotspotMetricLabel(i18n, a.hotspot.metric)}`
  if (layers.bivariate.on) return t('bivariate.title')
  if (layers.change.on) return t('change.title')
  if (layers.emerging.on) return t('emerging.title')
  return t(`metric.${state.classification.metric}`)
}
