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
import type { ClassScale } from '../legend/class-scale.ts'
import { useClassScale } from '../legend/use-class-scale.ts'
import { useTypeColors } from '../map/use-layer-specs.ts'
import { useLegendData } from '../panels/use-legend-data.ts'
import type { StandardModel } from '../standard/standard-model.ts'
import { useStandardModel } from '../standard/use-standard-model.ts'
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
  scale: ClassScale | null
  /** the standard-set layer's classes, while it is on */
  standard: StandardModel | null
  hex: { breaks: number[]; colors: string[] }
  taxonomies: Taxonomies | undefined
  typeColors: ReadonlyMap<string, string>
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
  const scale = useClassScale(metrics.data?.rows, state.classification)
  const legend = useLegendData()
  const standard = useStandardModel().model
  const taxonomies = useTaxonomies().data
  const typeColors = useTypeColors()
  const meta = useMeta().data
  const health = useHealth().data
  const province = useProvince().data
  const border = useBorderLine(true).data
  const communes = useCommunes().data
  current = {
    state,
    metrics: metrics.data,
    metricsLoading: metrics.loading,
    scale,
    standard,
    hex: { breaks: legend.hexBreaks, colors: legend.hexColors },
    taxonomies,
    typeColors,
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
