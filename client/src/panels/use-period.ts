import { useMeta } from '../api/hooks.ts'
import { useAtlas } from '../state/store.ts'

/** The period in force: the one in the URL, else the API's default (the last 12 months of data). */
export function usePeriod(): { from: string; to: string; range: { from: string; to: string } } | null {
  const meta = useMeta().data
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  if (!meta) return null
  return { from: from ?? meta.default_period.from, to: to ?? meta.default_period.to, range: meta.data_range }
}
