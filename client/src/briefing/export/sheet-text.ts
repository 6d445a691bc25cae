import type { Meta, Taxon, Taxonomies } from '@antt/contract'
import type { I18n } from '../../i18n/index.ts'
import type { AtlasState, Filters } from '../../state/atlas-state.ts'

const FILTER_TAXONOMY: Record<
  keyof Filters,
  {
    label: 'filter.types' | 'filter.statuses' | 'filter.orgs' | 'filter.categories' | 'filter.classes'
    taxonomy: keyof Taxonomies
  }
> = {
  categories: { label: 'filter.categories', taxonomy: 'incident_categories' },
  types: { label: 'filter.types', taxonomy: 'model_types' },
  statuses: { label: 'filter.statuses', taxonomy: 'statuses' },
  orgs: { label: 'filter.orgs', taxonomy: 'lead_orgs' },
  classes: { label: 'filter.classes', taxonomy: 'area_classes' },
}

/** The period in force, in words: "01/07/2025 – 30/06/2026". */
export function periodInWords(i18n: I18n, state: AtlasState, meta: Meta | undefined): string {
  const from = state.from ?? meta?.default_period.from ?? null
  const to = state.to ?? meta?.default_period.to ?? null
  return i18n.t('period.range', { from: i18n.fmt.date(from), to: i18n.fmt.date(to) })
}

/**
 * Every filter of the view in words, one phrase per filter group ("Incident categories: Drugs, Theft"),
 * so nothing the map leaves out goes unsaid; an empty list when nothing is filtered.
 */
export function filtersInWords(i18n: I18n, filters: Filters, taxonomies: Taxonomies | undefined): string[] {
  const out: string[] = []
  for (const [key, { label, taxonomy }] of Object.entries(FILTER_TAXONOMY) as [
    keyof Filters,
    (typeof FILTER_TAXONOMY)[keyof Filters],
  ][]) {
    const codes = filters[key]
    if (!codes.length) continue
    const options = (taxonomies?.[taxonomy] ?? []) as readonly Taxon[]
    const names = codes.map((code) =>
      i18n.name(
        options.find((o) => o.code === code),
        code,
      ),
    )
    out.push(`${i18n.t(label)}: ${names.join(', ')}`)
  }
  return out
}

/** Units named in the view: the drilled commune and the selected unit. */
export function focusInWords(
  i18n: I18n,
  state: AtlasState,
  unitName: (code: string) => string | undefined,
): string[] {
  const out: string[] = []
  if (state.drill) out.push(i18n.t('brief.drill', { name: unitName(state.drill) ?? state.drill }))
  if (state.selected) out.push(i18n.t('brief.selected', { name: unitName(state.selected) ?? state.selected }))
  return out
}
