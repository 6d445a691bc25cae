import type { Layer } from '@deck.gl/core'
import { useMemo } from 'react'
import {
  bivariateTooltip,
  changeTooltip,
  emergingTooltip,
  hotspotTooltip,
  type TooltipText,
} from '../analytics/tooltips.ts'
import {
  useBivariateModel,
  useChangeModel,
  useEmergingModel,
  useHotspotModel,
} from '../analytics/use-analytics.ts'
import type { I18n } from '../i18n/index.ts'
import { store, useAtlas } from '../state/store.ts'
import type { LayerSpec } from './atlas-map.ts'
import { BASEMAP_IDS } from './basemap-style.ts'
import { type Rgba, rgba } from './colors.ts'
import { bivariateLayer } from './layers/bivariate.ts'
import { changeLayer } from './layers/change.ts'
import type { ClassifiedUnitsProps, UnitPolygons } from './layers/classified-units.ts'
import { emergingLayer } from './layers/emerging.ts'
import { hotspotLayer } from './layers/hotspots.ts'

/** deck.gl ids of the analytics layers (hover and click look them up). */
export const ANALYTICS_LAYER_IDS = ['hotspots', 'bivariate', 'change', 'emerging'] as const

export function isAnalyticsLayer(deckId: string): boolean {
  return ANALYTICS_LAYER_IDS.some((id) => deckId === id || deckId.startsWith(`${id}-`))
}

export interface AnalyticsLayers {
  /** in drawing order, to go right above the choropleth */
  specs: LayerSpec[]
  /** the tooltip of unit `code` under the analytics layer `deckId`, or null */
  tooltip: (deckId: string, code: string, i18n: I18n) => TooltipText | null
}

const FILL_ALPHA = 235

function toRgba(colors: ReadonlyMap<string, string>): Map<string, Rgba> {
  const out = new Map<string, Rgba>()
  for (const [code, hex] of colors) out.set(code, rgba(hex, FILL_ALPHA))
  return out
}

/** The hot-spot, bivariate and change layers over `units` (the communes or villages on the map). */
export function useAnalyticsLayers(units: UnitPolygons | undefined): AnalyticsLayers {
  const layers = useAtlas((s) => s.layers)
  const hotspot = useHotspotModel()
  const bivariate = useBivariateModel()
  const change = useChangeModel()
  const emerging = useEmergingModel()
  const emg = emerging.model
  const hot = hotspot.model
  const biv = bivariate.model
  const chg = change.model
  const hotFill = useMemo(() => (hot ? toRgba(hot.colorByCode) : null), [hot])
  const bivFill = useMemo(() => (biv ? toRgba(biv.colorByCode) : null), [biv])
  const chgFill = useMemo(() => (chg ? toRgba(chg.colorByCode) : null), [chg])
  const emgFill = useMemo(() => (emg ? toRgba(emg.colorByCode) : null), [emg])
  const view = useAtlas((s) => s.analytics.hotspot.view)

  const specs: LayerSpec[] = []
  /** One analytics layer, when it is on and its model and colours are ready, above the choropleth. */
  const add = <P extends object>(
    id: (typeof ANALYTICS_LAYER_IDS)[number],
    model: { emphasised: ReadonlySet<string>; key: string } | null | undefined,
    fill: ReadonlyMap<string, Rgba> | null,
    build: (p: ClassifiedUnitsProps & P) => Layer,
    extra?: P,
  ) => {
    if (!units || !layers[id].on || !model || !fill) return
    const props = {
      id,
      units,
      fillByCode: fill,
      emphasised: model.emphasised,
      colorKey: model.key,
      opacity: layers[id].opacity,
      beforeId: BASEMAP_IDS.communeLines,
      ...extra,
    } as ClassifiedUnitsProps & P
    specs.push({ id, props, build: build as LayerSpec['build'] })
  }
  add('hotspots', hot, hotFill, hotspotLayer, { view })
  add('bivariate', biv, bivFill, bivariateLayer)
  add('change', chg, chgFill, changeLayer)
  add('emerging', emg, emgFill, emergingLayer)

  const tooltip = (deckId: string, code: string, i18n: I18n): TooltipText | null => {
    const a = store.get().analytics
    if (deckId.startsWith('hotspots')) {
      const row = hot?.rowByCode.get(code)
      return row ? hotspotTooltip(i18n, row, a.hotspot.metric, a.hotspot.view, a.hotspot.fdr) : null
    }
    if (deckId.startsWith('bivariate')) {
      const row = biv?.rowByCode.get(code)
      return row && biv ? bivariateTooltip(i18n, row, biv, a.bivariate) : null
    }
    if (deckId.startsWith('change')) {
      const row = chg?.rowByCode.get(code)
      return row ? changeTooltip(i18n, row) : null
    }
    if (deckId.startsWith('emerging')) {
      const row = emg?.rowByCode.get(code)
      return row ? emergingTooltip(i18n, row) : null
    }
    return null
  }
  return { specs, tooltip }
}
