import { useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { COVER_KPI_ROWS, PlanKpiTable } from './PlanKpiTable.tsx'
import type { PlanSnapshot } from './plan-view.ts'
import './plans.css'

/** Sites listed on the card; the map shows all of them, numbered. */
const LISTED = 12

/**
 * A plan saved with a view, beside the map: the type and number of new models, the area's figures before and
 * after them, and the sites in order of gain (their numbers on the map). In the dashboard it can be closed.
 */
export function PlanCard({ plan, onClose }: { plan: PlanSnapshot; onClose?: () => void }) {
  const { t, fmt, name } = useI18n()
  const type = useTaxonomies().data?.model_types.find((m) => m.code === plan.model_type)
  const typeName = type ? name(type) : plan.model_type
  return (
    <section
      className="plan-card"
      data-testid="plan-card"
      aria-label={t('plan.cardTitle', { type: typeName })}
    >
      <header className="plan-card-head">
        <h2>{t('plan.cardTitle', { type: typeName })}</h2>
        {onClose && (
          <button type="button" className="btn btn-small" onClick={onClose} aria-label={t('plan.cardClose')}>
            ×
          </button>
        )}
      </header>
      <p className="plan-card-sub">
        {t('plan.cardSub', {
          n: plan.sites.length,
          demand: t(`plan.demand.${plan.demand}`).toLocaleLowerCase(),
          range: `${fmt.date(plan.period.from)} – ${fmt.date(plan.period.to)}`,
        })}
        {plan.total_cost_vnd !== null &&
          ` · ${t('plan.cardCost', { cost: fmt.number(plan.total_cost_vnd) })}`}
      </p>
      <PlanKpiTable
        before={plan.before}
        after={plan.after}
        rows={plan.demand === 'incidents' ? COVER_KPI_ROWS : undefined}
      />
      <ol className="plan-card-sites">
        {plan.sites.slice(0, LISTED).map((s) => (
          <li key={s.code} value={s.rank}>
            {s.name} <span className="muted">· {s.commune}</span>
          </li>
        ))}
      </ol>
      {plan.sites.length > LISTED && (
        <p className="muted">{t('plan.cardMore', { n: plan.sites.length - LISTED })}</p>
      )}
    </section>
  )
}
