import { useState } from 'react'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { DateInput } from '../ui/DateInput.tsx'
import { LabelledControl } from '../ui/LabelledControl.tsx'
import { Options } from '../ui/Options.tsx'
import { lastMonths, yearPeriods } from './period.ts'
import { usePeriod } from './use-period.ts'

/**
 * Preset periods, and the exact dates (written in the interface language) opening a small editor. The
 * default (no dates in the URL) is the last 12 months of data.
 */
export function PeriodPicker() {
  const { t, fmt } = useI18n()
  const p = usePeriod()
  const stateFrom = useAtlas((s) => s.from)
  const stateTo = useAtlas((s) => s.to)
  const [editing, setEditing] = useState(false)
  if (!p) return <div className="period-picker" />
  const end = p.range.to
  const presets: { key: string; label: string; from: string | null; to: string | null }[] = [
    { key: 'last12', label: t('period.last12'), from: null, to: null },
    { key: 'last6', label: t('period.last6'), ...lastMonths(end, 6) },
    { key: 'last3', label: t('period.last3'), ...lastMonths(end, 3) },
    ...yearPeriods(p.range).map(({ year, from, to }) => ({
      key: `y${year}`,
      label: t('period.year', { year }),
      from,
      to,
    })),
  ]
  const current = presets.find((x) => x.from === stateFrom && x.to === stateTo)
  return (
    <div className="period-picker">
      <select
        id="period-preset"
        aria-label={t('period.label')}
        title={t('period.label')}
        value={current?.key ?? 'custom'}
        onChange={(e) => {
          const preset = presets.find((x) => x.key === e.target.value)
          if (preset) update({ from: preset.from, to: preset.to })
          else setEditing(true)
        }}
      >
        <Options of={presets} value={(x) => x.key} label={(x) => x.label} />
        <option value="custom">{t('period.custom')}</option>
      </select>
      <button
        type="button"
        className="period-range"
        onClick={() => setEditing(!editing)}
        aria-expanded={editing}
        data-testid="period-range"
      >
        {t('period.range', { from: fmt.date(p.from), to: fmt.date(p.to) })}
      </button>
      {editing && (
        <div className="period-editor">
          <LabelledControl label={t('period.from')}>
            <DateInput
              value={p.from}
              min={p.range.from}
              max={p.to}
              onDate={(v) => update({ from: v, to: p.to })}
            />
          </LabelledControl>
          <LabelledControl label={t('period.to')}>
            <DateInput
              value={p.to}
              min={p.from}
              max={p.range.to}
              onDate={(v) => update({ from: p.from, to: v })}
            />
          </LabelledControl>
          <button type="button" className="btn btn-small btn-primary" onClick={() => setEditing(false)}>
            {t('period.apply')}
          </button>
        </div>
      )}
    </div>
  )
}
