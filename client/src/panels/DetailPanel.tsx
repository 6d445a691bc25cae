import type { MetricsRow, SecurityModel, UnitDetail } from '@antt/contract'
import { useState } from 'react'
import { EmergingDetail } from '../analytics/EmergingSparkline.tsx'
import { PriorityWhy } from '../analytics/PriorityWhy.tsx'
import {
  useProvinceLevelMetrics,
  useProvinceMetrics,
  useProvinceNames,
  useTaxonomies,
  useUnitDetail,
} from '../api/hooks.ts'
import type { I18n } from '../i18n/index.ts'
import type { MetricName } from '../metrics/catalog.ts'
import { formatMetric } from '../metrics/format-metric.ts'
import { type Weakness, type WeaknessCode, weaknesses } from '../metrics/weakness.ts'
import { isProvinceCode } from '../state/atlas-state.ts'
import { mapFocus } from '../state/map-focus.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { CloseButton } from '../ui/CloseButton.tsx'
import { TableHead } from '../ui/TableHead.tsx'
import { IncidentChart } from './IncidentChart.tsx'
import { StandardSet } from './StandardSet.tsx'

const KPI_METRICS: MetricName[] = [
  'population',
  'village_coverage',
  'active_models',
  'models_per_1000',
  'evaluation_compliance',
  'effective_share',
  'incidents',
  'incident_rate_per_1000',
  'dissolved_models',
  'outreach_per_1000',
]

/** The selected unit: a province (national mode), a commune or a village. */
export function DetailPanel() {
  const selected = useAtlas((s) => s.selected)
  if (!selected) return null
  return isProvinceCode(selected) ? <ProvinceDetail code={selected} /> : <UnitDetailPanel code={selected} />
}

/** The panel's head: what kind of unit, its name, and the close button. */
function DetailHead({ kind, name, i18n }: { kind: string; name: string | undefined; i18n: I18n }) {
  const { t } = i18n
  return (
    <div className="detail-head">
      <div>
        <div className="detail-kind">{kind}</div>
        <h2 data-testid="detail-name">{name ?? '…'}</h2>
      </div>
      <CloseButton label={t('detail.close')} onClick={() => update({ selected: null })} />
    </div>
  )
}

/**
 * A province: its key figures (the sums of its communes in the caller's scope, ratios of the sums), how it
 * compares with the whole area, and the way down to its communes.
 */
function ProvinceDetail({ code }: { code: string }) {
  const i18n = useI18n()
  const { t } = i18n
  const rows = useProvinceLevelMetrics()
  const area = useProvinceMetrics().data?.totals
  const names = useProvinceNames()
  const row = rows.data?.rows.find((r) => r.code === code) ?? null
  const name = row?.name ?? names.find((p) => p.code === code)?.name
  return (
    <aside className="detail" data-testid="detail-panel" aria-label={name ?? ''}>
      <DetailHead kind={t('detail.province')} name={name} i18n={i18n} />
      <div className="detail-body">
        <div className="detail-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              update({ level: 'commune', selected: null, drill: null }, { push: true })
              mapFocus.fitUnit?.(code)
            }}
          >
            {t('detail.drillProvince')} →
          </button>
        </div>
        {rows.data && !row ? (
          <div className="muted pad">{t('detail.provinceOutOfScope')}</div>
        ) : (
          <>
            <Section
              title={t(row && area && weaknesses(row, area).length > 0 ? 'detail.why' : 'detail.compared')}
            >
              <WhyWeak row={row} province={area} i18n={i18n} />
            </Section>
            <Section title={t('detail.kpis')}>
              <KpiGrid row={row} i18n={i18n} />
            </Section>
          </>
        )}
      </div>
    </aside>
  )
}

function KpiGrid({ row, i18n }: { row: MetricsRow | null; i18n: I18n }) {
  const { t } = i18n
  return (
    <dl className="kpi-grid">
      {KPI_METRICS.map((m) => (
        <div key={m}>
          <dt>{t(`metric.${m}`)}</dt>
          <dd>{formatMetric(i18n, m, row?.[m] ?? null)}</dd>
        </div>
      ))}
    </dl>
  )
}

/** A commune or village: key figures, monthly incidents, why it is weak, models, villages, certification. */
function UnitDetailPanel({ code }: { code: string }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const drill = useAtlas((s) => s.drill)
  const emergingOn = useAtlas((s) => s.layers.emerging.on)
  const detail = useUnitDetail(code)
  const province = useProvinceMetrics().data?.totals
  const tax = useTaxonomies().data
  const d = detail.data?.code === code ? detail.data : undefined
  return (
    <aside className="detail" data-testid="detail-panel" aria-label={d?.name ?? ''}>
      <DetailHead
        kind={[
          d ? (d.level === 'village' ? t('detail.village') : t('detail.commune')) : '',
          d?.commune && t('detail.of', { name: d.commune.name }),
        ]
          .filter(Boolean)
          .join(' · ')}
        name={d?.name}
        i18n={i18n}
      />
      {!d && (
        <div className="muted pad">
          {detail.error ? t('app.error', { message: detail.error.message }) : t('detail.loading')}
        </div>
      )}
      {d && (
        <div className="detail-body">
          <div className="detail-actions">
            {d.level === 'commune' && drill !== d.code && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  update({ drill: d.code, level: 'village' }, { push: true })
                  fitUnit(d)
                }}
              >
                {t('detail.drill')} →
              </button>
            )}
            {drill && (
              <button
                type="button"
                className="btn"
                onClick={() => update({ drill: null, level: 'commune', selected: drill }, { push: true })}
              >
                ← {t('detail.backToProvince')}
              </button>
            )}
            {d.commune && (
              <button
                type="button"
                className="btn"
                onClick={() => update({ selected: d.commune!.code }, { push: true })}
              >
                ← {t('detail.backToCommune', { name: d.commune.name })}
              </button>
            )}
          </div>
          {d.metrics?.area_classes?.length ? (
            <div className="tags">
              {d.metrics.area_classes.map((c) => (
                <span key={c} className="tag">
                  {i18n.name(
                    tax?.area_classes.find((a) => a.code === c),
                    c,
                  )}
                </span>
              ))}
            </div>
          ) : null}
          <Section
            title={t(
              d.metrics && province && weaknesses(d.metrics, province).length > 0
                ? 'detail.why'
                : 'detail.whyPriority',
            )}
          >
            <PriorityWhy code={d.code} level={d.level} />
            <WhyWeak row={d.metrics} province={province} i18n={i18n} />
          </Section>
          <Section title={t('standard.title')}>
            <StandardSet code={d.code} level={d.level} />
          </Section>
          <Section title={t('detail.kpis')}>
            <KpiGrid row={d.metrics} i18n={i18n} />
          </Section>
          {emergingOn && (
            <Section title={t('emerging.sparkline')}>
              <EmergingDetail code={d.code} i18n={i18n} />
            </Section>
          )}
          <Section title={t('detail.chart')}>
            <IncidentChart
              series={d.incident_series}
              period={d.period}
              categories={tax?.incident_categories ?? []}
              i18n={i18n}
            />
          </Section>
          <Section title={t('detail.models', { n: d.models_count })}>
            {d.models_withheld ? (
              <div className="muted" data-testid="models-withheld">
                {t('detail.modelsWithheld', { n: fmt.integer(d.models_count) })}
              </div>
            ) : (
              <ModelList models={d.models} i18n={i18n} />
            )}
          </Section>
          {d.level === 'commune' && (
            <Section title={t('detail.villages', { n: d.villages.length })}>
              <VillageList villages={d.villages} i18n={i18n} />
            </Section>
          )}
          <Section title={t('detail.certifications')}>
            <Certifications detail={d} i18n={i18n} />
          </Section>
        </div>
      )}
    </aside>
  )
}

function fitUnit(d: UnitDetail) {
  mapFocus.fitUnit?.(d.code)
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="detail-section">
      <h3>{title}</h3>
      {children}
    </section>
  )
}

/** The figures each weakness's sentence (why.<code>) names. */
const WHY_PARAMS: Record<
  WeaknessCode,
  (w: Weakness, row: MetricsRow, fmt: I18n['fmt']) => Record<string, string | number>
> = {
  coverage: (w, row, fmt) => ({
    value: fmt.percent(w.value),
    uncovered: fmt.integer((row.villages ?? 0) - (row.villages_covered ?? 0)),
  }),
  compliance: (w, _, fmt) => ({ value: fmt.percent(w.value) }),
  effective: (w, _, fmt) => ({ value: fmt.percent(w.value) }),
  incidentRate: (w, _, fmt) => ({
    value: fmt.number(w.value, 2),
    ratio: fmt.number(w.value / (w.reference ?? 1), 1),
  }),
  dissolved: (w, _, fmt) => ({ n: fmt.integer(w.value) }),
  weakModels: (w, _, fmt) => ({ n: fmt.integer(w.value) }),
  outreach: (w, _, fmt) => ({ value: fmt.number(w.value, 2), province: fmt.number(w.reference, 2) }),
  density: (w, _, fmt) => ({ value: fmt.number(w.value, 2), province: fmt.number(w.reference, 2) }),
  noModels: () => ({}),
}

function WhyWeak({
  row,
  province,
  i18n,
}: {
  row: MetricsRow | null
  province: Record<string, number | null> | undefined
  i18n: I18n
}) {
  const { t, fmt } = i18n
  if (!row || !province) return null
  const list = weaknesses(row, province)
  if (!list.length) return <div className="ok-text">{t('detail.whyNone')}</div>
  return (
    <ul className="why" data-testid="why-weak">
      {list.map((w) => (
        <li key={w.code}>{t(`why.${w.code}`, WHY_PARAMS[w.code](w, row, fmt))}</li>
      ))}
    </ul>
  )
}

const RATING_CLASS: Record<string, string> = {
  tot: 'r-good',
  kha: 'r-fair',
  trung_binh: 'r-avg',
  yeu: 'r-weak',
}

/** A list longer than this shows its first rows and a link to show them all. */
const SHORT_LIST = 8

/** The link under a shortened list: all of its `total` rows, or the first ones again. */
function ShowAllLink(props: { total: number; all: boolean; onToggle: () => void; i18n: I18n }) {
  const { t } = props.i18n
  if (props.total <= SHORT_LIST) return null
  return (
    <button type="button" className="link" onClick={props.onToggle}>
      {props.all ? t('detail.showLess') : t('detail.showAll', { n: props.total })}
    </button>
  )
}

function ModelList({ models, i18n }: { models: SecurityModel[]; i18n: I18n }) {
  const { t, fmt } = i18n
  const tax = useTaxonomies().data
  const [all, setAll] = useState(false)
  if (!models.length) return <div className="muted">{t('detail.modelsEmpty')}</div>
  const sorted = [...models].sort((a, b) =>
    a.status === b.status
      ? a.type_code.localeCompare(b.type_code)
      : a.status === 'active'
        ? -1
        : b.status === 'active'
          ? 1
          : a.status.localeCompare(b.status),
  )
  const shown = all ? sorted : sorted.slice(0, SHORT_LIST)
  return (
    <>
      <table className="mini-table">
        <TableHead labels={[t('detail.type'), t('detail.status'), t('detail.lastRating')]} />
        <tbody>
          {shown.map((m) => {
            const last = m.evaluations[0]
            const rating = tax?.ratings.find((r) => r.code === last?.rating)
            return (
              <tr key={m.id} title={m.name}>
                <td>
                  {i18n.name(
                    tax?.model_types.find((x) => x.code === m.type_code),
                    m.type_code,
                  )}
                </td>
                <td className={`status-${m.status}`}>{t(`status.${m.status as 'active'}`)}</td>
                <td>
                  {last ? (
                    <>
                      <span className={`rating ${RATING_CLASS[last.rating] ?? ''}`}>
                        {i18n.name(rating, last.rating)}
                      </span>{' '}
                      <span className="muted">{fmt.date(last.date)}</span>
                    </>
                  ) : (
                    <span className="muted">{t('detail.never')}</span>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <ShowAllLink total={models.length} all={all} onToggle={() => setAll(!all)} i18n={i18n} />
    </>
  )
}

function VillageList({ villages, i18n }: { villages: MetricsRow[]; i18n: I18n }) {
  const { t, fmt } = i18n
  const [all, setAll] = useState(false)
  const sorted = [...villages].sort(
    (a, b) =>
      (a.village_coverage ?? 0) - (b.village_coverage ?? 0) || (b.incidents ?? 0) - (a.incidents ?? 0),
  )
  const shown = all ? sorted : sorted.slice(0, SHORT_LIST)
  return (
    <>
      <table className="mini-table">
        <TableHead
          labels={[t('detail.name'), t('metric.active_models'), t('metric.incidents')]}
          numFrom={1}
        />
        <tbody>
          {shown.map((v) => (
            <tr
              key={v.code}
              className="clickable"
              onClick={() =>
                update({ selected: v.code, drill: v.commune_code, level: 'village' }, { push: true })
              }
            >
              <td>
                {v.name}
                {(v.village_coverage ?? 1) < 1 && <span className="flag-uncovered"> ●</span>}
              </td>
              <td className="num">{fmt.integer(v.active_models)}</td>
              <td className="num">{fmt.integer(v.incidents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ShowAllLink total={villages.length} all={all} onToggle={() => setAll(!all)} i18n={i18n} />
    </>
  )
}

function Certifications({ detail, i18n }: { detail: UnitDetail; i18n: I18n }) {
  const { t, fmt } = i18n
  if (!detail.certifications.length) return <div className="muted">{t('detail.certEmpty')}</div>
  const byYear = new Map<number, { certified: number; total: number }>()
  for (const c of detail.certifications) {
    const y = byYear.get(c.year) ?? { certified: 0, total: 0 }
    y.total++
    if (c.certified) y.certified++
    byYear.set(c.year, y)
  }
  return (
    <ul className="stack-list cert-list">
      {[...byYear.entries()]
        .sort((a, b) => b[0] - a[0])
        .slice(0, 4)
        .map(([year, v]) => (
          <li key={year}>
            <span className="cert-bar">
              <span style={{ width: `${(v.certified / v.total) * 100}%` }} />
            </span>
            {t('detail.certYear', { year, certified: fmt.integer(v.certified), total: fmt.integer(v.total) })}
          </li>
        ))}
    </ul>
  )
}
