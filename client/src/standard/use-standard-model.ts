import { useMemo } from 'react'
import { analysisLevel } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import { useStandardCoverage } from './standard-api.ts'
import { type StandardModel, standardModel } from './standard-model.ts'

/** The standard-set layer's classes for the view (loaded only while the layer is on). */
export function useStandardModel(): {
  model: StandardModel | null
  loading: boolean
  error: Error | undefined
} {
  const on = useAtlas((s) => s.layers.standard.on)
  const level = useAtlas((s) => analysisLevel(s.level))
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const q = useStandardCoverage(on, level, drill)
  const model = useMemo(
    () => (q.data && q.data.level === level ? standardModel(q.data, drill) : null),
    [q.data, drill, level],
  )
  return { model, loading: q.loading, error: q.error }
}
