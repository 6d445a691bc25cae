import type { Taxon } from '@antt/contract'
import { useState } from 'react'
import { useTaxonomies } from '../api/hooks.ts'
import type { Filters } from '../state/atlas-state.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'

const GROUPS: {
  key: keyof Filters
  label: 'filter.types' | 'filter.statuses' | 'filter.orgs' | 'filter.categories' | 'filter.classes'
  taxonomy: 'model_types' | 'statuses' | 'lead_orgs' | 'incident_categories' | 'area_classes'
}[] = [
  { key: 'categories', label: 'filter.categories', taxonomy: 'incident_categories' },
  { key: 'types', label: 'filter.types', taxonomy: 'model_types' },
  { key: 'statuses', label: 'filter.statuses', taxonomy: 'statuses' },
  { key: 'orgs', label: 'filter.orgs', taxonomy: 'lead_orgs' },
  { key: 'classes', label: 'filter.classes', taxonomy: 'area_classes' },
]

export function FilterPanel() {
  const { t } = useI18n()
  const tax = useTaxonomies().data
  const filters = useAtlas((s) => s.filters)
  const count = Object.values(filters).filter((v) => v.length).length
  return (
    <div className="filters">
      {count > 0 && (
        <button
          type="button"
          className="btn btn-small btn-clear"
          onClick={() =>
            update({ filters: { types: [], statuses: [], orgs: [], categories: [], classes: [] } })
          }
        >
          {t('filter.clearAll')} ({t('filter.active', { n: count })})
        </button>
      )}
      {GROUPS.map((g) => (
        <FilterGroup key={g.key} field={g.key} label={t(g.label)} options={tax?.[g.taxonomy] ?? []} />
      ))}
    </div>
  )
}

function FilterGroup({
  field,
  label,
  options,
}: {
  field: keyof Filters
  label: string
  options: readonly Taxon[]
}) {
  const i18n = useI18n()
  const { t } = i18n
  const selected = useAtlas((s) => s.filters[field])
  const [open, setOpen] = useState(field === 'categories' || selected.length > 0)
  const set = (codes: string[]) => update((s) => ({ filters: { ...s.filters, [field]: codes } }))
  return (
    <fieldset className="filter-group" data-filter={field}>
      <legend>
        <button type="button" className="group-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="chevron">{open ? '▾' : '▸'}</span> {label}
          <span className="group-count">
            {selected.length ? t('filter.selected', { n: selected.length }) : t('filter.all')}
          </span>
        </button>
      </legend>
      {open && (
        <div className="options">
          {field === 'statuses' && selected.length === 0 && (
            <div className="hint">{t('filter.statusesDefault')}</div>
          )}
          {options.map((o) => (
            <label key={o.code} className="check">
              <input
                type="checkbox"
                value={o.code}
                checked={selected.includes(o.code)}
                onChange={(e) =>
                  set(e.target.checked ? [...selected, o.code] : selected.filter((c) => c !== o.code))
                }
              />
              <span>{i18n.name(o)}</span>
            </label>
          ))}
          {selected.length > 0 && (
            <button type="button" className="link" onClick={() => set([])}>
              {t('filter.clear')}
            </button>
          )}
        </div>
      )}
    </fieldset>
  )
}
