import { update } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { useActiveScenario } from './scenario-api.ts'
import './scenarios.css'

/**
 * Says, over the map, that every figure on screen is the scenario's and not the records', with the way
 * back to the actual figures.
 */
export function ScenarioBanner() {
  const { t } = useI18n()
  const active = useActiveScenario()
  if (!active) return null
  const name = active.scenario?.name ?? `#${active.id}`
  return (
    <div className="scenario-banner" role="status" data-testid="scenario-banner">
      <strong>{t('scenario.banner', { name })}</strong>
      {active.scenario && (
        <span className="scenario-banner-sub">
          {t('scenario.changes', { n: active.scenario.changes.length })}
        </span>
      )}
      <button
        type="button"
        className="btn btn-small"
        data-action="leave-scenario"
        onClick={() => update({ scenario: null })}
      >
        {t('scenario.leave')}
      </button>
    </div>
  )
}
