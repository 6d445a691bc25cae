import type { PriorityResult, PriorityRow } from '@antt/contract'
import type { I18n } from '../i18n/index.ts'

/** What the display filter of the priority request was, in words the rank text needs. */
export interface RankFilter {
  /** names of the area classes filtered on, in the interface language */
  classNames: string[]
  /** name of the commune filtered on */
  communeName: string | null
  /** true when the caller sees part of the province only (a commune steward) */
  scoped: boolean
}

export interface RankText {
  /** rank among the rows the filter shows ("2 of 10 border communes"); null without a filter */
  filter: string | null
  /** rank among every unit of the caller's scope ("14 of 99 in the province") */
  scope: string
}

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1)

/**
 * A unit's priority rank in words. Scores are computed over the whole scope and do not move with the filter,
 * so the rank in the scope is always given, and the rank inside the filter beside it when one is set.
 */
export function priorityRankText(
  i18n: I18n,
  row: Pick<PriorityRow, 'rank' | 'filter_rank'>,
  result: Pick<PriorityResult, 'level' | 'scope_units' | 'filter_units'>,
  f: RankFilter,
): RankText {
  const { t, fmt } = i18n
  const scope = t(f.scoped ? 'priority.rankScoped' : 'priority.rankScope', {
    rank: fmt.integer(row.rank),
    n: fmt.integer(result.scope_units),
  })
  const filtered = f.classNames.length > 0 || f.communeName !== null
  if (!filtered) return { filter: null, scope: capitalise(scope) }
  const params = {
    rank: fmt.integer(row.filter_rank),
    n: fmt.integer(result.filter_units),
    units: t(result.level === 'village' ? 'priority.unitsVillage' : 'priority.unitsCommune'),
    classes: f.classNames.map((c) => c.toLocaleLowerCase()).join(t('priority.classesOr')),
    commune: f.communeName ?? '',
  }
  const text =
    f.classNames.length > 0
      ? t('priority.rankFilterClasses', params) + (f.communeName ? ` – ${f.communeName}` : '')
      : t('priority.rankFilterCommune', params)
  return { filter: capitalise(text), scope }
}
