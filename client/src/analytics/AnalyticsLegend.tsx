import { Fragment } from 'react'
import type { I18n } from '../i18n/index.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import './analytics.css'
import type { HotspotRow } from '@antt/contract'
import { EMERGING_LEGEND_ORDER } from './analytics-colors.ts'
import { BIVARIATE_CORNERS, bivariateCell, bivariateFill } from './bivariate-classes.ts'
import { emergingKind, formatHotspotValue, hotspotMetricLabel } from './format.ts'
import { significantCounts } from './hotspot-significance.ts'
import type { BivariateCellKey } from './layer-models.ts'
import { useBivariateModel, useHotspotModel } from './use-analytics.ts'

// What the dashboard's legend (legend/Legend.tsx) shows of the analytics layers beyond their legend blocks
// (legend/analytics-blocks.ts): switches and reading hints, which a printed sheet cannot have.

/** Under the hot-spot classes: how to read the statistic, the range of values. */
export function HotspotLegendHints() {
  const i18n = useI18n()
  const { t } = i18n
  const h = useAtlas((s) => s.analytics.hotspot)
  const { result } = useHotspotModel()
  if (!result) return null
  const gi = h.view === 'gi'
  return (
    <>
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
  )
}

/**
 * Why the map is all grey, when it is: nothing significant at 95 %, and how many without FDR, with the switch.
 * First under the legend's title, so that it is read before anything else on a small screen.
 */
export function HotspotSignificance() {
  const i18n = useI18n()
  const h = useAtlas((s) => s.analytics.hotspot)
  const { result } = useHotspotModel()
  if (!result) return null
  return <SignificanceNote rows={result.rows} view={h.view} fdr={h.fdr} i18n={i18n} />
}

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

/**
 * The bivariate classes as a 3 × 3 key (need across, coverage up) with the count in each cell, and the
 * four named corners: the same classes and counts as the legend block's rows, laid out as a grid.
 */
export function BivariateKey() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const axes = useAtlas((s) => s.analytics.bivariate)
  const { model } = useBivariateModel()
  if (!model) return null
  const rows = [2, 1, 0]
  return (
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
      <ul className="stack-list legend-list quadrant-list">
        {BIVARIATE_CORNERS.map((q) => {
          const { x, y } = bivariateCell(q.need, q.coverage)
          return (
            <li key={q.key} data-quadrant={q.key}>
              <span className="swatch" style={{ background: bivariateFill(q.need, q.coverage) }} />
              <span className="grow">{t(`bivariate.${q.key}`)}</span>
              <span className="count">{fmt.integer(model.counts[`${x},${y}` as BivariateCellKey] ?? 0)}</span>
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** How to read the change map. */
export function ChangeLegendHint() {
  const { t } = useI18n()
  return <div className="hint">{t('change.hint')}</div>
}

/** Every rule of the emerging hot-spot categories, folded. */
export function EmergingRules() {
  const { t } = useI18n()
  return (
    <details className="legend-method" data-testid="emerging-rules">
      <summary>{t('emerging.allRules')}</summary>
      <ul className="method-list">
        {EMERGING_LEGEND_ORDER.filter((c) => c.endsWith('hot-spot')).map((c) => (
          <li key={c}>
            <b>{t(`emerging.kind.${emergingKind(c)}`)}</b>: {t(`emerging.rule.${emergingKind(c)}`)}
          </li>
        ))}
        <li>{t('emerging.coldRule')}</li>
        <li>{t('emerging.method')}</li>
      </ul>
    </details>
  )
}
