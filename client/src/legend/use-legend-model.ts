import { useMemo } from 'react'
import {
  useBivariateModel,
  useChangeModel,
  useEmergingModel,
  useHotspotModel,
} from '../analytics/use-analytics.ts'
import { useMapMetrics, useTaxonomies } from '../api/hooks.ts'
import { useDrawn } from '../map/drawn.ts'
import { useClassScale } from '../map/use-class-scale.ts'
import { useTypeColors } from '../map/use-layer-specs.ts'
import { useStandardModel } from '../standard/use-standard-model.ts'
import { useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import type { AnalyticsDrawn } from './analytics-blocks.ts'
import type { LegendBlock, LegendState } from './legend-block.ts'
import { type LegendSources, legendModel } from './legend-model.ts'

/** What the legend describes, read through the same hooks as the map, so it shows the classes drawn. */
export function useLegendSources(): LegendSources {
  const classification = useAtlas((s) => s.classification)
  const metrics = useMapMetrics().data
  const scale = useClassScale(metrics?.rows, classification)
  const standard = useStandardModel().model
  const drawn = useDrawn()
  const taxonomies = useTaxonomies().data
  const typeColors = useTypeColors()
  const hotspot = useHotspotModel()
  const bivariate = useBivariateModel().model
  const change = useChangeModel()
  const emerging = useEmergingModel()
  const analytics: AnalyticsDrawn = useMemo(
    () => ({
      hotspot: hotspot.model && hotspot.result ? { model: hotspot.model, result: hotspot.result } : null,
      bivariate,
      change: change.model && change.result ? { model: change.model, result: change.result } : null,
      emerging: emerging.model && emerging.result ? { model: emerging.model, result: emerging.result } : null,
    }),
    [hotspot.model, hotspot.result, bivariate, change.model, change.result, emerging.model, emerging.result],
  )
  const hex = useMemo(
    () => ({ breaks: drawn.hexBreaks, colors: drawn.hexColors }),
    [drawn.hexBreaks, drawn.hexColors],
  )
  return useMemo(
    () => ({ scale, metrics, standard, hex, taxonomies, typeColors, analytics }),
    [scale, metrics, standard, hex, taxonomies, typeColors, analytics],
  )
}

/** The legend of the map on screen (legend-model.ts). */
export function useLegendModel(): LegendBlock[] {
  const i18n = useI18n()
  const layers = useAtlas((s) => s.layers)
  const classification = useAtlas((s) => s.classification)
  const density = useAtlas((s) => s.density)
  const level = useAtlas((s) => s.level)
  const analytics = useAtlas((s) => s.analytics)
  const state: LegendState = useMemo(
    () => ({ layers, classification, density, level, analytics }),
    [layers, classification, density, level, analytics],
  )
  const sources = useLegendSources()
  return useMemo(() => legendModel({ state, i18n, ...sources }), [state, i18n, sources])
}
