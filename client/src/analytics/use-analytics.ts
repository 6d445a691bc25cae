import { useMemo } from 'react'
import { analysisLevel } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import {
  type CompareResult,
  type HotspotResult,
  type PriorityResult,
  useCompare,
  useHotspots,
  usePriorities,
} from './analytics-api.ts'
import { type EmergingResult, useEmerging } from './emerging-api.ts'
import {
  type BivariateModel,
  bivariateModel,
  type ChangeModel,
  changeModel,
  type EmergingModel,
  emergingModel,
  type HotspotModel,
  hotspotModel,
} from './layer-models.ts'

export interface ModelState<M, R> {
  model: M | null
  result: R | undefined
  loading: boolean
  error: Error | undefined
}

/** The hot-spot layer's classes for the view (loaded only while the layer is on). */
export function useHotspotModel(): ModelState<HotspotModel, HotspotResult> {
  const on = useAtlas((s) => s.layers.hotspots.on)
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const view = useAtlas((s) => s.analytics.hotspot.view)
  const q = useHotspots(on, level)
  const model = useMemo(
    () => (q.data && q.data.level === level ? hotspotModel(q.data, view, drill) : null),
    [q.data, view, drill, level],
  )
  return { model, result: q.data, loading: q.loading, error: q.error }
}

/** The bivariate layer's 3 × 3 classes, from the priority scores with the weights in force. */
export function useBivariateModel(): ModelState<BivariateModel, PriorityResult> {
  const on = useAtlas((s) => s.layers.bivariate.on)
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const axes = useAtlas((s) => s.analytics.bivariate)
  const q = usePriorities(on, level)
  const model = useMemo(
    () => (q.data && q.data.level === level ? bivariateModel(q.data, axes, drill) : null),
    [q.data, axes, drill, level],
  )
  return { model, result: q.data, loading: q.loading, error: q.error }
}

/** The change layer's classes for periods A and B. */
export function useChangeModel(): ModelState<ChangeModel, CompareResult> {
  const on = useAtlas((s) => s.layers.change.on)
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const q = useCompare(on, level)
  const model = useMemo(
    () => (q.data && q.data.level === level ? changeModel(q.data, drill) : null),
    [q.data, drill, level],
  )
  return { model, result: q.data, loading: q.loading, error: q.error }
}

/** The emerging hot spot layer's categories (loaded only while the layer is on). */
export function useEmergingModel(): ModelState<EmergingModel, EmergingResult> {
  const on = useAtlas((s) => s.layers.emerging.on)
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const q = useEmerging(on, level)
  const model = useMemo(
    () => (q.data && q.data.level === level ? emergingModel(q.data, drill) : null),
    [q.data, drill, level],
  )
  return { model, result: q.data, loading: q.loading, error: q.error }
}
