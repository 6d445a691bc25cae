import type { MetricsRow } from '@antt/contract'
import { useEffect, useMemo, useRef, useState } from 'react'
import { RankingHead, RankingSearch } from '../analytics/RankingHead.tsx'
import { useMapMetrics } from '../api/hooks.ts'
import { colorOf } from '../map/class-scale.ts'
import { useClassScale } from '../map/use-class-scale.ts'
import type { MetricName } from '../metrics/catalog.ts'
import { formatMetricValue, metricUnit } from '../metrics/format-metric.ts'
import { mapFocus, setExternalHover } from '../state/map-focus.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { scrollRowIntoView } from '../ui/scroll-row.ts'
import { nextSort, rankRows } from './ranking.ts'

const COLUMNS: MetricName[] = [
  'incident_rate_per_1000',
  'incidents',
  'village_coverage',
  'active_models',
  'models_per_1000',
  'evaluation_compliance',
  'effective_share',
  'dissolved_models',
  'population',
]

/** Units ranked by any metric; search without diacritics; hover highlights on the map, click flies there. */
export function RankingTable() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const metrics = useMapMetrics().data
  const c = useAtlas((s) => s.classification)
  const sort = useAtlas((s) => s.sort)
  const selected = useAtlas((s) => s.selected)
  const scale = useClassScale(metrics?.rows, c)
  const [q, setQ] = useState('')
  const columns = COLUMNS.includes(c.metric) ? COLUMNS : [c.metric, ...COLUMNS]

  const rows = useMemo(() => rankRows(metrics?.rows ?? [], q, sort), [metrics, q, sort])

  const header = (key: MetricName | 'name', label: string, num = true, unit = '') => (
    <th
      className={`${num ? 'num' : ''} sortable${sort.key === key ? ' sorted' : ''}`}
      aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : 'none'}
      onClick={() => update({ sort: nextSort(sort, key) })}
      title={unit ? `${label} (${unit})` : label}
    >
      {label}
      {sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}
      {unit && <span className="th-unit">{unit}</span>}
    </th>
  )

  const open = (r: MetricsRow) => {
    // the map fits a new selection itself; a row already selected is fitted again on a click
    if (r.code === selected) mapFocus.fitUnit?.(r.code)
    else update({ selected: r.code }, { push: true })
  }

  // A unit selected elsewhere (on the map, in a search) is scrolled into sight in the table.
  const body = useRef<HTMLTableSectionElement>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: also once the rows have arrived
  useEffect(() => {
    if (!selected) return
    scrollRowIntoView(body.current?.querySelector(`tr[data-code="${CSS.escape(selected)}"]`))
  }, [selected, rows])

  return (
    <section className="ranking" data-testid="ranking">
      <RankingHead>
        <RankingSearch value={q} onSearch={setQ} />
        <span className="muted">{t('table.rows', { n: fmt.integer(rows.length) })}</span>
      </RankingHead>
      <div className="ranking-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th className="num">{t('table.rank')}</th>
              {header('name', t('table.name'), false)}
              {columns.map((m) => header(m, t(`metric.${m}`), true, metricUnit(i18n, m)))}
            </tr>
          </thead>
          <tbody ref={body} onMouseLeave={() => setExternalHover(null)}>
            {rows.map((r, i) => (
              <tr
                key={r.code}
                data-code={r.code}
                className={r.code === selected ? 'selected' : ''}
                onMouseEnter={() => setExternalHover(r.code)}
                onClick={() => open(r)}
              >
                <td className="num muted">{i + 1}</td>
                <td className="name">
                  <span
                    className="swatch swatch-small"
                    style={{ background: (scale && colorOf(scale, r[c.metric])) ?? '#ccc' }}
                  />
                  {r.name}
                </td>
                {columns.map((m) => (
                  <td key={m} className={`num${m === c.metric ? ' current' : ''}`}>
                    {formatMetricValue(i18n, m, r[m])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
