import type { MetricsRow } from '@antt/contract'
import { useMemo } from 'react'
import { isWeakArea, type WeaknessCode, weaknesses } from '../metrics/weakness.ts'
import { update } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { CloseButton } from '../ui/CloseButton.tsx'

/** The weak areas counted by the red KPI, most serious first, each with its signs; a click selects one. */
export function WeakAreaList({
  rows,
  totals,
  onClose,
}: {
  rows: readonly MetricsRow[]
  totals: Record<string, number | null>
  onClose: () => void
}) {
  const { t, fmt } = useI18n()
  const weak = useMemo(
    () =>
      rows
        .filter((r) => isWeakArea(r, totals))
        .map((r) => {
          const signs = weaknesses(r, totals).sort((a, b) => b.severity - a.severity)
          return { row: r, signs, severity: signs.reduce((a, s) => a + s.severity, 0) }
        })
        .sort((a, b) => b.severity - a.severity),
    [rows, totals],
  )
  return (
    <div className="weak-list" role="dialog" aria-label={t('kpi.weakAreas')} data-testid="weak-list">
      <div className="weak-list-head">
        <strong>{t('weak.title', { n: fmt.integer(weak.length) })}</strong>
        <CloseButton label={t('detail.close')} onClick={onClose} />
      </div>
      <ol>
        {weak.map(({ row, signs }) => (
          <li key={row.code}>
            <button
              type="button"
              data-code={row.code}
              onClick={() => {
                update({ selected: row.code }, { push: true })
                onClose()
              }}
            >
              <span className="weak-name">{row.name}</span>
              <span className="weak-signs">
                {signs.map((s) => t(`weak.sign.${s.code satisfies WeaknessCode}`)).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  )
}
