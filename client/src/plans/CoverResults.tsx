import type { CoverResult } from '@antt/contract'
import { useI18n } from '../state/use-i18n.ts'
import { COVER_KPI_ROWS, PlanKpiTable, TotalCost } from './PlanKpiTable.tsx'
import { SiteTable } from './SiteTable.tsx'

/**
 * The answer of the set-covering form: how many new models at least bring the target villages to the share,
 * proved by HiGHS, greedy beside it; the target before and after; the sites in order of what they add.
 */
export function CoverResults({
  result,
  communeName,
}: {
  result: CoverResult
  communeName: (code: string) => string
}) {
  const { t, fmt } = useI18n()
  const target = t(result.parameters.target === 'border' ? 'plan.targetBorder' : 'plan.targetAll')
  return (
    <>
      <div className="plan-results" data-testid="cover-results">
        <p className="plan-status" data-status={result.status}>
          {result.status === 'infeasible' ? (
            <strong>
              {t('plan.coverInfeasible', {
                reachable: fmt.integer(result.target.covered_before + result.target.reachable),
                total: fmt.integer(result.target.villages),
              })}
            </strong>
          ) : (
            <>
              <strong>
                {t('plan.coverModels', {
                  n: fmt.integer(result.models),
                  share: fmt.percent(result.parameters.share, 0),
                  target,
                })}
              </strong>{' '}
              ·{' '}
              {result.status === 'optimal'
                ? t('plan.statusOptimal')
                : t('plan.statusTimeLimit', { gap: fmt.percent(result.gap ?? null, 2) })}
              <br />
              {t('plan.coverGreedy', { n: fmt.integer(result.greedy_models) })} ·{' '}
              {t('plan.solvedIn', { s: fmt.number(result.time_ms / 1000, 1) })}
              <TotalCost result={result} />
            </>
          )}
          <br />
          {t('plan.coverTarget', {
            target,
            before: fmt.integer(result.target.covered_before),
            after: fmt.integer(result.target.covered_after),
            total: fmt.integer(result.target.villages),
          })}
        </p>
        <PlanKpiTable before={result.before} after={result.after} rows={COVER_KPI_ROWS} />
      </div>
      {result.selected.length > 0 && (
        <SiteTable
          sites={result.selected}
          communeName={communeName}
          gain={(s) => fmt.integer(s.gain)}
          gainTitle={t('plan.coverGainTitle')}
        />
      )}
    </>
  )
}
