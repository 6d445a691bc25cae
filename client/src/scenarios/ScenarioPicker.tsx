import { useState } from 'react'
import { useSession } from '../api/client.ts'
import { useScenarioId } from '../api/hooks.ts'
import { update } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { deleteScenario, shareScenario, useScenarios } from './scenario-api.ts'
import './scenarios.css'
import { Options } from '../ui/Options.tsx'

/** Switches the dashboard into one of the caller's (or a shared) what-if scenario, or back to the records. */
export function ScenarioPicker() {
  const { t } = useI18n()
  const list = useScenarios()
  const active = useScenarioId()
  const me = useSession()?.username
  const [error, setError] = useState<string | null>(null)
  if (!list) return null
  const current = list.find((s) => s.id === active)
  const mine = current && current.owner === me
  const act = (job: Promise<unknown>) => {
    setError(null)
    job.catch((e: Error) => setError(e.message))
  }
  return (
    <div className="scenario-picker" data-testid="scenario-picker">
      <label htmlFor="scenario-select">{t('scenario.label')}</label>
      <select
        id="scenario-select"
        value={active ?? ''}
        data-field="scenario"
        onChange={(e) => update({ scenario: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">{t('scenario.none')}</option>
        <Options
          of={list}
          value={(s) => s.id}
          label={(s) => (s.owner === me ? s.name : t('scenario.sharedBy', { name: s.name, owner: s.owner }))}
        />
      </select>
      {mine && (
        <div className="row">
          <button
            type="button"
            className={`btn btn-small${current.shared ? ' btn-on' : ''}`}
            aria-pressed={current.shared}
            title={t('scenario.shareTitle')}
            onClick={() => act(shareScenario(current.id, !current.shared))}
          >
            {t('scenario.share')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-action="delete-scenario"
            onClick={() => {
              if (!window.confirm(t('scenario.deleteConfirm', { name: current.name }))) return
              update({ scenario: null })
              act(deleteScenario(current.id))
            }}
          >
            {t('scenario.delete')}
          </button>
        </div>
      )}
      {error && <div className="error-text">{error}</div>}
    </div>
  )
}
