import { useMemo } from 'react'
import { useSession } from '../api/client.ts'
import { useCommunes, useTaxonomies } from '../api/hooks.ts'
import { useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import type { RankFilter } from './rank-text.ts'

/** The display filter of the priority request (area classes; at village level the drilled commune). */
export function useRankFilter(level: 'commune' | 'village'): RankFilter & { drill: string | null } {
  const i18n = useI18n()
  const classes = useAtlas((s) => s.filters.classes)
  const drill = useAtlas((s) => (s.level === 'village' ? s.drill : null))
  const tax = useTaxonomies().data
  const communes = useCommunes().data
  const session = useSession()
  return useMemo(() => {
    const classNames = classes.map((c) =>
      i18n.name(
        tax?.area_classes.find((a) => a.code === c),
        c,
      ),
    )
    const commune = level === 'village' && drill ? drill : null
    const communeName = commune
      ? (communes?.features.find((f) => f.properties.code === commune)?.properties.name ?? commune)
      : null
    return { classNames, communeName, scoped: !!session?.scope, drill: commune }
  }, [classes, drill, level, tax, communes, session, i18n])
}
