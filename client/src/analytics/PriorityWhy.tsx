import type { I18n } from '../i18n/index.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import './analytics.css'
import type { PriorityRow } from '@antt/contract'
import { isDefaultWeights, PRIORITY_COMPONENTS, type PriorityComponent } from '../state/priority-weights.ts'
import { usePriorities } from './analytics-api.ts'
import { COMPONENT_COLORS } from './analytics-colors.ts'
import { ContributionBar } from './ContributionBar.tsx'
import { topContributions } from './contribution-bar.ts'
import { formatFixed } from './format.ts'
import { priorityRankText } from './rank-text.ts'
import { useRankFilter } from './use-rank-filter.ts'

/** The figure behind a part of the score, in words ('' when the part's name says it all). */
function evidence(i18n: I18n, k: PriorityComponent, r: PriorityRow): string {
  const { t, fmt } = i18n
  const v = r.values
  switch (k) {
    case 'incident_rate_eb':
      return t('evidence.incident_rate_eb', { value: fmt.number(v.incident_rate_eb, 2) })
    case 'hotspot_z':
      return t('evidence.hotspot_z', { value: fmt.number(v.gi_z, 2) })
    case 'trend':
      return v.rate_ratio === null
        ? ''
        : t('evidence.trend', {
            value: fmt.number(v.rate_ratio, 2),
            lower: fmt.number(v.rate_ratio_lower, 2),
          })
    case 'village_coverage_gap':
      return t('evidence.village_coverage_gap', { value: fmt.percent(v.village_coverage, 0) })
    case 'effective_gap':
      return (v.active_models ?? 0) === 0
        ? t('why.noModels')
        : t('evidence.effective_gap', { value: fmt.percent(v.effective_share, 0) })
    case 'evaluation_gap':
      return (v.active_models ?? 0) === 0
        ? t('why.noModels')
        : t('evidence.evaluation_gap', { value: fmt.percent(v.evaluation_compliance, 0) })
    case 'models_per_1000_gap':
      return t('evidence.models_per_1000_gap', { value: fmt.number(v.models_per_1000, 2) })
    default:
      return ''
  }
}

/**
 * "Why this area is weak" from the priority score: score and rank, the contribution bar, and the parts that
 * added most, each with the figure behind it. Uses the weights of the priority table (in the address).
 */
export function PriorityWhy({ code, level }: { code: string; level: 'commune' | 'village' }) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const weights = useAtlas((s) => s.analytics.weights)
  const rankFilter = useRankFilter(level)
  const q = usePriorities(true, level, rankFilter.drill)
  const data = q.data?.level === level ? q.data : undefined
  const row = data?.rows.find((r) => r.code === code)
  if (q.error) return <div className="error-text">{t('app.error', { message: q.error.message })}</div>
  if (!data) return <div className="hint">{t('analytics.computing')}</div>
  if (!row || row.score === null) return null
  const top = topContributions(row.contributions, PRIORITY_COMPONENTS, 4)
  const rank = priorityRankText(i18n, row, data, rankFilter)
  return (
    <div className="priority-why" data-testid="priority-why">
      <div className="why-score">
        <span className="why-score-value">{formatFixed(i18n, row.score, 1)}</span>
        <span className="why-score-of">/100</span>
        <span className="why-rank" data-testid="why-rank">
          {rank.filter ?? rank.scope}
          {rank.filter && <span className="why-rank-scope"> · {rank.scope}</span>}
        </span>
      </div>
      <ContributionBar contributions={row.contributions} i18n={i18n} />
      <div className="why-split muted">
        {t('priority.split', { need: fmt.number(row.need, 1), gap: fmt.number(row.lack_of_coverage, 1) })}
      </div>
      <ol className="why-parts" data-testid="why-parts">
        {top.map((c) => {
          const ev = evidence(i18n, c.key, row)
          return (
            <li key={c.key} data-part={c.key}>
              <span className="swatch swatch-small" style={{ background: COMPONENT_COLORS[c.key] }} />
              <span className="why-part-text">
                <strong>{t(`component.${c.key}`)}</strong>
                {ev && <span className="muted"> — {ev}</span>}
              </span>
              <span className="why-points">
                {t('priority.points', { n: formatFixed(i18n, c.points, 1) })}
              </span>
            </li>
          )
        })}
      </ol>
      {row.missing.length > 0 && (
        <div className="hint">
          {t('priority.missing', { list: row.missing.map((k) => t(`component.${k}`)).join(', ') })}
        </div>
      )}
      <div className="hint">
        {t(isDefaultWeights(weights) ? 'priority.whyDefault' : 'priority.whyCustom')}{' '}
        <button
          type="button"
          className="link link-inline"
          onClick={() => update((s) => ({ table: true, analytics: { ...s.analytics, table: 'priority' } }))}
        >
          {t('priority.openTable')}
        </button>
      </div>
    </div>
  )
}
