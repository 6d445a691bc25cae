import { useState } from 'react'
import { useMeta } from '../api/hooks.ts'
import { metricsForLevel } from '../metrics/catalog.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { DateInput } from '../ui/DateInput.tsx'
import { LevelSwitch } from '../ui/LevelSwitch.tsx'
import './analytics.css'
import {
  type AnalyticsState,
  isHotspotMetric,
  PERMUTATION_CHOICES,
  type Period,
} from '../state/analytics-state.ts'
import { LabelledControl } from '../ui/LabelledControl.tsx'
import { Options } from '../ui/Options.tsx'
import { periodProblem, shiftYears } from './change-periods.ts'
import { hotspotMetricLabel } from './format.ts'
import { useBivariateModel, useChangeModel, useHotspotModel } from './use-analytics.ts'

function setAnalytics<K extends keyof AnalyticsState>(key: K, patch: Partial<AnalyticsState[K]>) {
  update((s) => ({
    analytics: { ...s.analytics, [key]: { ...(s.analytics[key] as object), ...patch } as AnalyticsState[K] },
  }))
}

function LoadStatus({ loading, error }: { loading: boolean; error: Error | undefined }) {
  const { t } = useI18n()
  if (error) return <div className="error-text">{t('app.error', { message: error.message })}</div>
  if (loading) return <div className="hint analytics-loading">{t('analytics.computing')}</div>
  return null
}

export function HotspotOptions() {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const level = useAtlas((s) => s.level)
  const h = useAtlas((s) => s.analytics.hotspot)
  const { loading, error } = useHotspotModel()
  return (
    <div className="layer-options" data-testid="hotspot-options">
      <LevelSwitch levels={['commune', 'village']} />
      <div className="segmented" title={t('hotspot.view')}>
        {(['gi', 'lisa'] as const).map((v) => (
          <button
            key={v}
            type="button"
            aria-pressed={h.view === v}
            className={h.view === v ? 'on' : ''}
            data-view={v}
            onClick={() => setAnalytics('hotspot', { view: v })}
          >
            {t(`hotspot.${v}`)}
          </button>
        ))}
      </div>
      <LabelledControl label={t('hotspot.metric')}>
        <select
          value={h.metric}
          data-testid="hotspot-metric"
          onChange={(e) =>
            isHotspotMetric(e.target.value) && setAnalytics('hotspot', { metric: e.target.value })
          }
        >
          <Options of={metricsForLevel(level)} label={(m) => hotspotMetricLabel(i18n, m)} />
        </select>
      </LabelledControl>
      <div className="field-row">
        <LabelledControl label={t('hotspot.permutations')} grow>
          <select
            value={h.permutations}
            onChange={(e) => setAnalytics('hotspot', { permutations: Number(e.target.value) })}
          >
            <Options of={PERMUTATION_CHOICES} label={(n) => fmt.integer(n)} />
          </select>
        </LabelledControl>
      </div>
      <label className="check" title={t('hotspot.fdrHint')}>
        <input
          type="checkbox"
          checked={h.fdr}
          data-field="fdr"
          onChange={(e) => setAnalytics('hotspot', { fdr: e.target.checked })}
        />
        <span>{t('hotspot.fdr')}</span>
      </label>
      <LoadStatus loading={loading} error={error} />
    </div>
  )
}

export function BivariateOptions() {
  const { t } = useI18n()
  const axes = useAtlas((s) => s.analytics.bivariate)
  const { loading, error } = useBivariateModel()
  return (
    <div className="layer-options" data-testid="bivariate-options">
      <LevelSwitch levels={['commune', 'village']} />
      <LabelledControl label={t('bivariate.needAxis')}>
        <select
          value={axes.need}
          onChange={(e) => setAnalytics('bivariate', { need: e.target.value === 'rate' ? 'rate' : 'need' })}
        >
          <option value="need">{t('bivariate.needScore')}</option>
          <option value="rate">{t('bivariate.needRate')}</option>
        </select>
      </LabelledControl>
      <LabelledControl label={t('bivariate.coverageAxisLabel')}>
        <select
          value={axes.coverage}
          onChange={(e) =>
            setAnalytics('bivariate', { coverage: e.target.value === 'score' ? 'score' : 'village' })
          }
        >
          <option value="village">{t('bivariate.coverage')}</option>
          <option value="score">{t('bivariate.coverageScore')}</option>
        </select>
      </LabelledControl>
      <div className="hint">
        {t(axes.coverage === 'village' ? 'bivariate.coverageAxis' : 'bivariate.coverageScoreHint')}
        {(axes.need === 'need' || axes.coverage === 'score') && (
          <>
            {' '}
            <button
              type="button"
              className="link link-inline"
              onClick={() =>
                update((s) => ({ table: true, analytics: { ...s.analytics, table: 'priority' } }))
              }
            >
              {t('bivariate.weightsLink')}
            </button>
          </>
        )}
      </div>
      <LoadStatus loading={loading} error={error} />
    </div>
  )
}

export function ChangeOptions() {
  const { t, fmt } = useI18n()
  const c = useAtlas((s) => s.analytics.change)
  const meta = useMeta().data
  const { result, loading, error } = useChangeModel()
  // The periods in force: chosen ones, else those the API used (its defaults).
  const a = c.a ?? (result ? { from: result.a.from, to: result.a.to } : null)
  const b = c.b ?? (result ? { from: result.b.from, to: result.b.to } : null)
  // Edits in progress, dropped when the periods change elsewhere (presets, back button).
  const periodsKey = JSON.stringify([c.a, c.b])
  const [edits, setDraft] = useState<{ key: string; a: Period; b: Period } | null>(null)
  const draft = edits?.key === periodsKey ? edits : null
  const shown = draft ?? (a && b ? { a, b } : null)
  const problem = draft ? periodProblem(draft.a, draft.b) : null
  const custom = c.a !== null || c.b !== null
  const edit = (which: 'a' | 'b', key: 'from' | 'to', value: string) => {
    if (!shown || !value) return
    setDraft({ ...shown, [which]: { ...shown[which], [key]: value }, key: periodsKey })
  }
  const dateInput = (which: 'a' | 'b', key: 'from' | 'to') => (
    <DateInput
      value={shown?.[which][key] ?? ''}
      min={meta?.data_range.from}
      max={meta?.data_range.to}
      disabled={!shown}
      data-period={`${which}-${key}`}
      aria-label={`${t(which === 'a' ? 'change.periodA' : 'change.periodB')} · ${t(key === 'from' ? 'period.from' : 'period.to')}`}
      onDate={(v) => edit(which, key, v)}
    />
  )
  return (
    <div className="layer-options" data-testid="change-options">
      <LevelSwitch levels={['commune', 'village']} />
      {(['b', 'a'] as const).map((which) => (
        <fieldset key={which} className="period-pair">
          <legend className="field-label">
            {t(which === 'a' ? 'change.periodA' : 'change.periodB')}
            {shown && (
              <span className="muted"> · {t('change.days', { n: fmt.integer(daysOf(shown[which])) })}</span>
            )}
          </legend>
          <div className="field-row">
            {dateInput(which, 'from')}
            <span aria-hidden="true">–</span>
            {dateInput(which, 'to')}
          </div>
        </fieldset>
      ))}
      {draft && (
        <div className="field-row">
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={problem !== null}
            onClick={() => setAnalytics('change', { a: draft.a, b: draft.b })}
          >
            {t('choropleth.apply')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => setDraft(null)}>
            {t('change.cancel')}
          </button>
        </div>
      )}
      {problem && <div className="error-text">{t(`change.problem.${problem}`)}</div>}
      <div className="preset-row">
        <button
          type="button"
          className="btn btn-small"
          disabled={!custom}
          title={t('change.defaultHint')}
          onClick={() => setAnalytics('change', { a: null, b: null })}
        >
          {t('change.presetPrevious')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!b || periodProblem(shiftYears(b, -1), b) !== null}
          onClick={() => b && setAnalytics('change', { a: shiftYears(b, -1), b })}
        >
          {t('change.presetYearBefore')}
        </button>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={c.fdr}
          onChange={(e) => setAnalytics('change', { fdr: e.target.checked })}
        />
        <span>{t('hotspot.fdr')}</span>
      </label>
      <LoadStatus loading={loading} error={error} />
    </div>
  )
}

function daysOf(p: Period): number {
  return Math.round((Date.parse(p.to) - Date.parse(p.from)) / 86_400_000) + 1
}
