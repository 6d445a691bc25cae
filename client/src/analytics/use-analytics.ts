import type { CompareResult, EmergingResult, HotspotResult, PriorityResult } from '@antt/contract'
import { useCallback, useMemo } from 'react'
import type { Loadable } from '../api/client.ts'
import { analysisLevel, type LayerId, type Level } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import { useCompare, useHotspots, usePriorities } from './analytics-api.ts'
import { useEmerging } from './emerging-api.ts'
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

/**
 * A layer's model: loaded by `useResult` while the layer is on, for the level the analyses take (communes on
 * the province map), and built by `build` once the answer is of that level (the drilled commune's units).
 */
function useLayerModel<M, R extends { level: string }>(
  layer: LayerId,
  useResult: (enabled: boolean, level: Level) => Loadable<R>,
  build: (result: R, drill: string | null) => M,
): ModelState<M, R> {
  const on = useAtlas((s) => s.layers[layer].on)
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const q = useResult(on, level)
  const model = useMemo(
    () => (q.data && q.data.level === level ? build(q.data, drill) : null),
    [q.data, build, drill, level],
  )
  return { model, result: q.data, loading: q.loading, error: q.error }
}

/** The hot-spot layer's classes for the view (loaded only while the layer is on). */
export function useHotspotModel(): ModelState<HotspotModel, HotspotResult> {
  const view = useAtlas((s) => s.analytics.hotspot.view)
  const build = useCallback((r: HotspotResult, drill: string | null) => hotspotModel(r, view, drill), [view])
  return useLayerModel('hotspots', useHotspots, build)
}

/** The bivariate layer's 3 × 3 classes, from the priority scores with the weights in force. */
export function useBivariateModel(): ModelState<BivariateModel, PriorityResult> {
  const axes = useAtlas((s) => s.analytics.bivariate)
  const build = useCallback(
    (r: PriorityResult, drill: string | null) => bivariateModel(r, axes, drill),
    [axes],
  )
  return useLayerModel('bivariate', usePriorities, build)
}

/** The change layer's classes for periods A and B. */
export const useChangeModel = (): ModelState<ChangeModel, CompareResult> =>
  useLayerModel('change', useCompare, changeModel)

/** The emerging hot spot layer's categories (loaded only while the layer is on). */
export const useEmergingModel = (): ModelState<EmergingModel, EmergingResult> =>
  useLayerModel('emerging', useEmerging, emergingModel)
