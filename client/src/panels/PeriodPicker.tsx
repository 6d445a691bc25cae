import { useI18n } from '../i18n/use-i18n.ts'
import { update, useAtlas } from '../state/store.ts'
import { lastMonths } from './period.ts'
import { usePeriod } from './use-period.ts'

/** Preset periods and explicit dates; the default (no dates in the URL) is the last 12 months of data. */
export function PeriodPicker() {
  const { t, fmt } = useI18n()
  const p = usePeriod()
  const stateFrom = useAtlas((s) => s.from)
  const stateTo = useAtlas((s) => s.to)
  if (!p) return <div className="period-picker" />
  const end = p.range.to
  const years: number[] = []
  for (let y = Number(end.slice(0, 4)); y >= Number(p.range.from.slice(0, 4)); y--) years.push(y)
  const presets: { key: string; label: string; from: string | null; to: string | null }[] = [
    { key: 'last12', label: t('period.last12'), from: null, to: null },
    { key: 'last6', label: t('period.last6'), ...lastMonths(end, 6) },
    { key: 'last3', label: t('period.last3'), ...lastMonths(end, 3) },
    ...years.map((y) => ({
      key: `y${y}`,
      label: t('period.year', { year: y }),
      from: `${y}-01-01`,
      to: `${y}-12-31` > end ? end : `${y}-12-31`,
    })),
  ]
  const current = presets.find((x) => x.from === stateFrom && x.to === stateTo)
  const isDefault = (key: string) => key === 'last12'
  return (
    <div className="period-picker">
      <label className="field-label" htmlFor="period-preset">
        {t('period.label')}
      </label>
      <select
        id="period-preset"
        value={current?.key ?? 'custom'}
        onChange={(e) => {
          const preset = presets.find((x) => x.key === e.target.value)
          if (preset)
            update({
              from: isDefault(preset.key) ? null : preset.from,
              to: isDefault(preset.key) ? null : preset.to,
            })
        }}
      >
        {presets.map((x) => (
          <option key={x.key} value={x.key}>
            {x.label}
          </option>
        ))}
        <option value="custom" disabled>
          {t('period.custom')}
        </option>
      </select>
      <input
        type="date"
        aria-label={t('period.from')}
        title={`${t('period.from')}: ${fmt.date(p.from)}`}
        value={p.from}
        min={p.range.from}
        max={p.to}
        onChange={(e) => e.target.value && update({ from: e.target.value, to: p.to })}
      />
      <span className="dash">–</span>
      <input
        type="date"
        aria-label={t('period.to')}
        title={`${t('period.to')}: ${fmt.date(p.to)}`}
        value={p.to}
        min={p.from}
        max={p.range.to}
        onChange={(e) => e.target.value && update({ from: p.from, to: e.target.value })}
      />
    </div>
  )
}
