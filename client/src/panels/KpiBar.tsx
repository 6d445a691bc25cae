import { useMemo } from 'react'
import { useHealth, useProvinceMetrics } from '../api/hooks.ts'
import { useI18n } from '../i18n/use-i18n.ts'
import { isWeakArea } from '../metrics/weakness.ts'

/** Province totals for the current period and filters (/api/metrics totals, same code path as the map). */
export function KpiBar() {
  const { t, fmt } = useI18n()
  const m = useProvinceMetrics()
  const health = useHealth().data
  const totals = m.data?.totals
  const weak = useMemo(
    () => (m.data ? m.data.rows.filter((r) => isWeakArea(r, m.data!.totals)).length : null),
    [m.data],
  )
  const v = (k: string) => totals?.[k] ?? null
  const items = [
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
      sub: t('kpi.villagesCoveredSub', {
        covered: fmt.integer(v('villages_covered')),
        total: fmt.integer(v('villages')),
      }),
    },
    {
      key: 'models',
      label: t('kpi.activeModels'),
      value: fmt.integer(v('active_models')),
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
      sub: t('kpi.weakAreasSub'),
      alert: (weak ?? 0) > 0,
    },
  ]
  return (
    <section
      className={`kpi-bar${m.loading ? ' is-loading' : ''}`}
      aria-label="KPI"
      data-testid="kpi-bar"
      aria-busy={m.loading}
    >
      {items.map((k) => (
        <div key={k.key} className={`kpi${k.alert ? ' kpi-alert' : ''}`} data-kpi={k.key}>
          <div className="kpi-label">{k.label}</div>
          <div className="kpi-value">{k.value}</div>
          <div className="kpi-sub">{k.sub}</div>
        </div>
      ))}
    </section>
  )
}
