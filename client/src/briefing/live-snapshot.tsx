import type { Health, Meta, MetricsResult, Taxonomies } from '@antt/contract'
import type { FeatureCollection } from 'geojson'
import {
  useBorderLine,
  useCommunes,
  useHealth,
  useMapMetrics,
  useMeta,
  useProvince,
  useTaxonomies,
} from '../api/hooks.ts'
import type { LegendSources } from '../legend/legend-model.ts'
import { useLegendSources } from '../legend/use-legend-model.ts'
import type { AtlasState } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'

/**
 * What the dashboard shows right now, read through the same hooks as the map and the legend, so an export
 * or a slide describes exactly what is drawn (same metrics, same classes, same counts).
 */
export interface LiveSnapshot {
  state: AtlasState
  metrics: MetricsResult | undefined
  metricsLoading: boolean
  /** what the legend is drawn from, the same as the dashboard's legend */
  legend: LegendSources
  taxonomies: Taxonomies | undefined
  meta: Meta | undefined
  health: Health | undefined
  province: FeatureCollection | undefined
  border: FeatureCollection | undefined
  unitName: (code: string) => string | undefined
}

let current: LiveSnapshot | null = null

export function liveSnapshot(): LiveSnapshot | null {
  return current
}

/** Renders nothing; keeps `liveSnapshot()` up to date. Mounted once, inside the app. */
export function LiveSnapshotBridge() {
  const state = useAtlas((s) => s)
  const metrics = useMapMetrics()
  const legend = useLegendSources()
  const taxonomies = useTaxonomies().data
  const meta = useMeta().data
  const health = useHealth().data
  const province = useProvince().data
  const border = useBorderLine(true).data
  const communes = useCommunes().data
  current = {
    state,
    metrics: metrics.data,
    metricsLoading: metrics.loading,
    legend,
    taxonomies,
    meta,
    health,
    province,
    border,
    unitName: (code) =>
      communes?.features.find((f) => f.properties.code === code)?.properties.full_name ??
      metrics.data?.rows.find((r) => r.code === code)?.name,
  }
  return null
}
