import type { MetricsResult } from '@antt/contract'
import { useMemo, useState } from 'react'
import { useHealth, useProvinceMetrics, useScenarioId } from '../api/hooks.ts'
import { isWeakArea } from '../metrics/weakness.ts'
import { useI18n } from '../state/use-i18n.ts'
import { WeakAreaList } from './WeakAreaList.tsx'

const weakCount = (m: MetricsResult | undefined) =>
  m ? m.rows.filter((r) => isWeakArea(r, m.totals)).length : null

/**
 * Province totals for the current period and filters (/api/metrics totals, same code path as the map).
 * Under a what-if scenario the figures are the scenario's, each with the actual one beside it.
 */
export function KpiBar() {
  const { t, fmt } = useI18n()
  const m = useProvinceMetrics()
  const actual = useProvinceMetrics('actual')
  const scenario = useScenarioId()
  const health = useHealth().data
  const totals = m.data?.totals
  const [listOpen, setListOpen] = useState(false)
  const weak = useMemo(() => weakCount(m.data), [m.data])
  const actualWeak = useMemo(() => weakCount(actual.data), [actual.data])
  const v = (k: string) => totals?.[k] ?? null
  const a = (k: string) => actual.data?.totals?.[k] ?? null
  const items: {
    key: string
    label: string
    value: string
    /** the actual figure, under a scenario */
    actual?: string
    sub: string
    alert?: boolean
  }[] = [
    {
      key: 'communes',
      label: t('kpi.communes'),
      value: fmt.integer(v('units')),
      sub: t('kpi.communesOf', { total: fmt.integer(health?.communes ?? null) }),
    },
    {
      key: 'villages',
      label: t('kpi.villagesCovered'),
      value: fmt.percent(v('village_coverage')),
      actual: fmt.percent(a('village_coverage')),
      sub: t('kpi.villagesCoveredSub', {
        covered: fmt.integer(v('villages_covered')),
        total: fmt.integer(v('villages')),
      }),
    },
    {
      key: 'models',
      label: t('kpi.activeModels'),
      value: fmt.integer(v('active_models')),
      actual: fmt.integer(a('active_models')),
      sub: t('kpi.activeModelsSub', { per1000: fmt.number(v('models_per_1000'), 2) }),
    },
    {
      key: 'incidents',
      label: t('kpi.incidents'),
      value: fmt.integer(v('incidents')),
      sub: t('kpi.incidentsSub'),
    },
    {
      key: 'rate',
      label: t('kpi.incidentRate'),
      value: fmt.number(v('incident_rate_per_1000'), 2),
      sub: t('kpi.incidentRateSub'),
    },
    {
      key: 'weak',
      label: t('kpi.weakAreas'),
      value: fmt.integer(weak),
      actual: fmt.integer(actualWeak),
      sub: t('kpi.weakAreasSub'),
      alert: (weak ?? 0) > 0,
    },
  ]
  return (
    <section
      className={`kpi-bar${m.loading ? ' is-loading' : ''}${scenario ? ' kpi-scenario' : ''}`}
      aria-label="KPI"
      data-testid="kpi-bar"
      aria-busy={m.loading}
    >
      {items.map((k) =>
        k.key === 'weak' && (weak ?? 0) > 0 ? (
          <button
            key={k.key}
            type="button"
            className={`kpi kpi-button${k.alert ? ' kpi-alert' : ''}`}
            data-kpi={k.key}
            aria-expanded={listOpen}
            title={t('weak.open')}
            onClick={() => setListOpen(!listOpen)}
          >
            <div className="kpi-label">{k.label} ▾</div>
            <KpiValue value={k.value} actual={scenario ? k.actual : undefined} />
            <div className="kpi-sub">{k.sub}</div>
          </button>
        ) : (
          <div key={k.key} className={`kpi${k.alert ? ' kpi-alert' : ''}`} data-kpi={k.key}>
            <div className="kpi-label">{k.label}</div>
            <KpiValue value={k.value} actual={scenario ? k.actual : undefined} />
            <div className="kpi-sub">{k.sub}</div>
          </div>
        ),
      )}
      {listOpen && m.data && (
        <WeakAreaList rows={m.data.rows} totals={m.data.totals} onClose={() => setListOpen(false)} />
      )}
    </section>
  )
}

/** A figure, and under a scenario the actual one beside it: "62 % (thực tế 55 %)". */
function KpiValue({ value, actual }: { value: string; actual?: string }) {
  const { t } = useI18n()
  return (
    <div className="kpi-value">
      {value}
      {actual !== undefined && (
        <span className="kpi-actual" data-testid="kpi-actual">
          {' '}
          {t('scenario.actualValue', { value: actual })}
        </span>
      )}
    </div>
  )
}
