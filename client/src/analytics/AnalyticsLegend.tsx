import type { EmergingCategory } from '@antt/analysis'
import { Fragment } from 'react'
import type { I18n } from '../i18n/index.ts'
import { useI18n } from '../i18n/use-i18n.ts'
import { update, useAtlas } from '../state/store.ts'
import './analytics.css'
import type { HotspotRow } from './analytics-api.ts'
import {
  CHANGE_CLASSES,
  CHANGE_COLORS,
  EMERGING_COLORS,
  EMERGING_LEGEND_ORDER,
  GI_CLASSES,
  GI_COLORS,
  LISA_CLASSES,
  LISA_COLORS,
} from './analytics-colors.ts'
import { BIVARIATE_CORNERS, bivariateCell, bivariateFill } from './bivariate-classes.ts'
import { formatHotspotValue, hotspotMetricLabel } from './format.ts'
import { significantCounts } from './hotspot-significance.ts'
import type { BivariateCellKey } from './layer-models.ts'
import { useBivariateModel, useChangeModel, useEmergingModel, useHotspotModel } from './use-analytics.ts'

/** Legend entries of the analytics layers that are on, in the style of the thematic map's entry. */
export function AnalyticsLegend() {
  const layers = useAtlas((s) => s.layers)
  return (
    <>
      {layers.hotspots.on && <HotspotLegend />}
      {layers.bivariate.on && <BivariateLegend />}
      {layers.change.on && <ChangeLegend />}
      {layers.emerging.on && <EmergingLegend />}
    </>
  )
}

function ClassRow({
  color,
  label,
  count,
  i18n,
  id,
}: {
  color: string
  label: string
  count: number
  i18n: I18n
  id: string
}) {
  return (
    <tr data-class={id}>
      <td>
        <span className="swatch" style={{ background: color }} />
      </td>
      <td className="interval">{label}</td>
      <td className="count" data-count={count}>
        {i18n.fmt.integer(count)}
      </td>
    </tr>
  )
}

function NoDataRow({ count, i18n }: { count: number; i18n: I18n }) {
  return (
    <tr data-class="nodata">
      <td>
        <span className="swatch swatch-nodata" />
      </td>
      <td className="interval">{i18n.t('legend.noData')}</td>
      <td className="count" data-count={count}>
        {i18n.fmt.integer(count)}
      </td>
    </tr>
  )
}

function HotspotLegend() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => s.level)
  const h = useAtlas((s) => s.analytics.hotspot)
  const { model, result, loading } = useHotspotModel()
  const gi = h.view === 'gi'
  return (
    <section className="legend-entry" data-testid="legend-hotspots" aria-busy={loading}>
      <h3>{t(gi ? 'hotspot.title.gi' : 'hotspot.title.lisa')}</h3>
      <div className="legend-subtitle">
        {hotspotMetricLabel(i18n, h.metric)} · {t(`level.${level}`)}
      </div>
      {result && model ? (
        <>
          <table className="legend-classes">
            <tbody>
              {gi
                ? GI_CLASSES.map((c) => (
                    <ClassRow
                      key={c}
                      id={c}
                      color={GI_COLORS[c]}
                      label={t(`hotspot.class.${c}`)}
                      count={model.counts[c] ?? 0}
                      i18n={i18n}
                    />
                  ))
                : LISA_CLASSES.map((c) => (
                    <ClassRow
                      key={c}
                      id={c}
                      color={LISA_COLORS[c]}
                      label={t(`lisa.${c}`)}
                      count={model.counts[c] ?? 0}
                      i18n={i18n}
                    />
                  ))}
              <NoDataRow count={model.counts.noData} i18n={i18n} />
            </tbody>
          </table>
          <div className="legend-total">
            {t('legend.units', { n: fmt.integer(model.shown) })}
            {result.counts.islands > 0 &&
              ` · ${t('hotspot.islands', { n: fmt.integer(result.counts.islands) })}`}
          </div>
          <SignificanceNote rows={result.rows} view={h.view} fdr={h.fdr} i18n={i18n} />
          <ul className="legend-method method-list" data-testid="hotspot-method">
            <li>{t(gi ? 'hotspot.methodGi' : 'hotspot.methodLisa')}</li>
            <li>
              {t('hotspot.methodP', {
                n: fmt.integer(result.method.permutations),
                seed: result.method.seed,
              })}
              {' · '}
              {t(h.fdr ? 'hotspot.methodFdr' : 'hotspot.methodNoFdr')}
            </li>
            <li>{t('hotspot.contiguity', { m: fmt.integer(result.method.tolerance_m) })}</li>
            {h.metric === 'incident_rate_eb' && <li>{t('hotspot.methodEb')}</li>}
          </ul>
          {gi && (
            <div className="hint">
              {t('hotspot.giHint', { metric: lowerFirst(hotspotMetricLabel(i18n, h.metric)) })}
            </div>
          )}
          {!gi && <div className="hint">{t('hotspot.lisaHint')}</div>}
          <div className="hint legend-range">
            {t('hotspot.range', {
              min: formatHotspotValue(i18n, h.metric, minOf(result.rows.map((r) => r.value))),
              max: formatHotspotValue(i18n, h.metric, maxOf(result.rows.map((r) => r.value))),
            })}
          </div>
        </>
      ) : (
        <div className="hint">{t('analytics.computing')}</div>
      )}
    </section>
  )
}

/** Why the map is all grey, when it is: nothing significant at 95 %, and how many without FDR, with the switch. */
function SignificanceNote({
  rows,
  view,
  fdr,
  i18n,
}: {
  rows: readonly HotspotRow[]
  view: 'gi' | 'lisa'
  fdr: boolean
  i18n: I18n
}) {
  const { t, fmt } = i18n
  const n = significantCounts(rows, view)
  if ((fdr ? n.adjusted : n.raw) > 0) return null
  return (
    <div className="legend-note" role="status" data-testid="hotspot-none">
      {fdr ? t('hotspot.noneAfterFdr', { n: fmt.integer(n.raw) }) : t('hotspot.none')}
      {fdr && n.raw > 0 && (
        <button
          type="button"
          className="link"
          onClick={() =>
            update((s) => ({
              analytics: { ...s.analytics, hotspot: { ...s.analytics.hotspot, fdr: false } },
            }))
          }
          data-testid="hotspot-fdr-off"
        >
          {t('hotspot.showWithoutFdr')}
        </button>
      )}
    </div>
  )
}

/** "Tỷ lệ vụ việc" → "tỷ lệ vụ việc", to sit inside a sentence. */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v)
const minOf = (vs: (number | null)[]) => (vs.some(finite) ? Math.min(...vs.filter(finite)) : null)
const maxOf = (vs: (number | null)[]) => (vs.some(finite) ? Math.max(...vs.filter(finite)) : null)

/** True when white text reads better than black on `hex` (WCAG relative luminance below 0.3). */
function isDark(hex: string): boolean {
  const lin = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(0) + 0.7152 * lin(1) + 0.0722 * lin(2) < 0.3
}

const TERCILE = ['bivariate.low', 'bivariate.mid', 'bivariate.high'] as const

function BivariateLegend() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => s.level)
  const axes = useAtlas((s) => s.analytics.bivariate)
  const { model } = useBivariateModel()
  const rows = [2, 1, 0]
  return (
    <section className="legend-entry" data-testid="legend-bivariate">
      <h3>{t('bivariate.title')}</h3>
      <div className="legend-method">
        {t('bivariate.method')} · {t(`level.${level}`)}
      </div>
      {model ? (
        <>
          <div className="bivariate-key">
            <div className="bv-ytitle">
              {t(axes.coverage === 'village' ? 'bivariate.coverage' : 'bivariate.coverageScore')}
            </div>
            <div className="bivariate-grid" role="img" aria-label={t('bivariate.title')}>
              {rows.map((y) => (
                <Fragment key={y}>
                  <span className="bv-tick bv-ytick">
                    {y === 2 ? t('bivariate.low') : y === 0 ? t('bivariate.high') : ''}
                  </span>
                  {[0, 1, 2].map((x) => {
                    const key = `${x},${y}` as BivariateCellKey
                    const count = model.counts[key] ?? 0
                    const need = x
                    const coverage = 2 - y
                    const fill = bivariateFill(need, coverage)
                    return (
                      <div
                        key={key}
                        className={`bivariate-cell${y === 2 && x === 2 ? ' is-key' : ''}${isDark(fill) ? ' dark' : ''}`}
                        data-cell={key}
                        data-count={count}
                        style={{ background: fill }}
                        title={`${t('bivariate.cell', { need: t(TERCILE[need]), coverage: t(TERCILE[coverage]) })}: ${fmt.integer(count)}`}
                      >
                        {fmt.integer(count)}
                      </div>
                    )
                  })}
                </Fragment>
              ))}
              <span />
              <span className="bv-tick">{t('bivariate.low')}</span>
              <span />
              <span className="bv-tick bv-right">{t('bivariate.high')}</span>
            </div>
            <div className="bv-xtitle">
              {t(axes.need === 'need' ? 'bivariate.axisNeed' : 'bivariate.axisRate')} →
            </div>
          </div>
          <ul className="legend-list quadrant-list">
            {BIVARIATE_CORNERS.map((q) => {
              const { x, y } = bivariateCell(q.need, q.coverage)
              return (
                <li key={q.key} data-quadrant={q.key}>
                  <span className="swatch" style={{ background: bivariateFill(q.need, q.coverage) }} />
                  <span className="grow">{t(`bivariate.${q.key}`)}</span>
                  <span className="count">
                    {fmt.integer(model.counts[`${x},${y}` as BivariateCellKey] ?? 0)}
                  </span>
                </li>
              )
            })}
          </ul>
          <div className="legend-total">
            {t('legend.units', { n: fmt.integer(model.shown) })}
            {model.counts.noData > 0 && ` · ${t('legend.noData')}: ${fmt.integer(model.counts.noData)}`}
          </div>
        </>
      ) : (
        <div className="hint">{t('analytics.computing')}</div>
      )}
    </section>
  )
}

function ChangeLegend() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => s.level)
  const fdr = useAtlas((s) => s.analytics.change.fdr)
  const { model, result } = useChangeModel()
  return (
    <section className="legend-entry" data-testid="legend-change">
      <h3>{t('change.title')}</h3>
      {result && model ? (
        <>
          <div className="legend-subtitle">
            {t('change.periods', {
              a: t('period.range', { from: fmt.date(result.a.from), to: fmt.date(result.a.to) }),
              b: t('period.range', { from: fmt.date(result.b.from), to: fmt.date(result.b.to) }),
            })}
          </div>
          <div className="legend-method">
            {t('change.method')} · {t(fdr ? 'hotspot.methodFdr' : 'hotspot.methodNoFdr')} ·{' '}
            {t(`level.${level}`)}
          </div>
          <table className="legend-classes">
            <tbody>
              {CHANGE_CLASSES.map((c) => (
                <ClassRow
                  key={c}
                  id={c}
                  color={CHANGE_COLORS[c]}
                  label={t(`change.class.${c}`)}
                  count={model.counts[c]}
                  i18n={i18n}
                />
              ))}
              <NoDataRow count={model.counts.noData} i18n={i18n} />
            </tbody>
          </table>
          <div className="legend-total">{t('legend.units', { n: fmt.integer(model.shown) })}</div>
          <div className="hint">{t('change.hint')}</div>
        </>
      ) : (
        <div className="hint">{t('analytics.computing')}</div>
      )}
    </section>
  )
}

/** "new-hot-spot" → "new": the rule is the same for hot and cold spots, with the two swapped. */
const ruleOf = (category: EmergingCategory) => category.replace(/-(hot|cold)-spot$/, '') as EmergingKind
type EmergingKind =
  | 'new'
  | 'consecutive'
  | 'intensifying'
  | 'persistent'
  | 'diminishing'
  | 'sporadic'
  | 'oscillating'
  | 'historical'
  | 'no-pattern'

function EmergingLegend() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => s.level)
  const { model, result, loading } = useEmergingModel()
  return (
    <section className="legend-entry" data-testid="legend-emerging" aria-busy={loading}>
      <h3>{t('emerging.title')}</h3>
      {result && model ? (
        <>
          <div className="legend-subtitle">
            {t('emerging.subtitle', {
              n: fmt.integer(result.steps.length),
              from: result.steps[0],
              to: result.steps[result.steps.length - 1],
            })}{' '}
            · {t(`level.${level}`)}
          </div>
          <table className="legend-classes emerging-classes">
            <tbody>
              {EMERGING_LEGEND_ORDER.filter((c) => c === 'no-pattern' || model.counts[c] > 0).map((c) => (
                <tr key={c} data-class={c}>
                  <td>
                    <span className="swatch" style={{ background: EMERGING_COLORS[c] }} />
                  </td>
                  <td className="interval">
                    {t(`emerging.category.${c}`)}
                    <div className="rule">{t(`emerging.rule.${ruleOf(c)}`)}</div>
                  </td>
                  <td className="count" data-count={model.counts[c]}>
                    {fmt.integer(model.counts[c])}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="legend-total">
            {t('legend.units', { n: fmt.integer(model.shown) })}
            {result.counts.low_counts > 0 &&
              ` · ${t('emerging.lowCountsN', { n: fmt.integer(result.counts.low_counts) })}`}
          </div>
          <details className="legend-method" data-testid="emerging-rules">
            <summary>{t('emerging.allRules')}</summary>
            <ul className="method-list">
              {EMERGING_LEGEND_ORDER.filter((c) => c.endsWith('hot-spot')).map((c) => (
                <li key={c}>
                  <b>{t(`emerging.kind.${ruleOf(c)}`)}</b>: {t(`emerging.rule.${ruleOf(c)}`)}
                </li>
              ))}
              <li>{t('emerging.coldRule')}</li>
              <li>{t('emerging.method')}</li>
            </ul>
          </details>
        </>
      ) : (
        <div className="hint">{t('analytics.computing')}</div>
      )}
    </section>
  )
}
