import { useEffect, useMemo, useState } from 'react'
import { useTaxonomies } from '../api/hooks.ts'
import type { Taxon } from '../api/types.ts'
import { useI18n } from '../i18n/use-i18n.ts'
import type { Filters } from '../state/atlas-state.ts'
import { update, useAtlas } from '../state/store.ts'
import { isSingleMonth, monthEnd, monthsBetween } from './period.ts'
import { usePeriod } from './use-period.ts'

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
      <MonthSlider />
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

/** Month-by-month view of the period: a slider over the data's months and a play button. */
function MonthSlider() {
  const { t, fmt } = useI18n()
  const p = usePeriod()
  const rangeFrom = p?.range.from
  const rangeTo = p?.range.to
  const months = useMemo(
    () => (rangeFrom && rangeTo ? monthsBetween(rangeFrom, rangeTo) : []),
    [rangeFrom, rangeTo],
  )
  const [playing, setPlaying] = useState(false)
  const single = p ? isSingleMonth(p.from, p.to) : false
  const index = p && single ? months.indexOf(p.from.slice(0, 7)) : -1

  const go = (i: number) => {
    const m = months[Math.max(0, Math.min(months.length - 1, i))]
    if (m) update({ from: `${m}-01`, to: monthEnd(m) })
  }

  useEffect(() => {
    if (!playing) return
    const timer = setInterval(() => {
      const s = index < 0 || index >= months.length - 1 ? 0 : index + 1
      go(s)
    }, 1200)
    return () => clearInterval(timer)
  })

  if (!p) return null
  return (
    <div className="month-slider">
      <div className="field-row">
        <span className="field-label grow">{t('period.byMonth')}</span>
        <span className="month-current" data-testid="month-label">
          {index >= 0
            ? fmt.month(months[index])
            : t('period.range', { from: fmt.date(p.from), to: fmt.date(p.to) })}
        </span>
      </div>
      <div className="field-row">
        <button
          type="button"
          className="btn btn-small btn-play"
          onClick={() => {
            if (!playing && index < 0) go(0)
            setPlaying(!playing)
          }}
          aria-pressed={playing}
        >
          {playing ? `❚❚ ${t('period.pause')}` : `▶ ${t('period.play')}`}
        </button>
        <input
          className="grow"
          type="range"
          min={0}
          max={months.length - 1}
          value={index >= 0 ? index : months.length - 1}
          aria-label={t('period.month')}
          onChange={(e) => {
            setPlaying(false)
            go(Number(e.target.value))
          }}
        />
      </div>
      {single && (
        <button
          type="button"
          className="link"
          onClick={() => {
            setPlaying(false)
            update({ from: null, to: null })
          }}
        >
          {t('period.reset')}
        </button>
      )}
    </div>
  )
}
