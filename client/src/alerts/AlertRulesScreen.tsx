import type { AlertCondition as Condition, AlertRule as Rule } from '@antt/contract'
import { ALERT_CONDITIONS } from '@antt/contract/lists'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { ApiError, request } from '../api/client.ts'
import { useNational } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { AdminTable } from '../ui/AdminTable.tsx'
import { LabelledControl, TextControl } from '../ui/LabelledControl.tsx'
import { Options } from '../ui/Options.tsx'

const ROLES = ['admin', 'leader', 'planner', 'briefer', 'steward', 'viewer']
const DEFAULT_THRESHOLD: Record<Condition, number> = {
  village_coverage_below: 0.8,
  population_covered_below: 0.8,
  overdue_evaluations_above: 5,
  hot_spot_emerging: 24,
  incident_spike: 3,
  exemplary_dissolved: 12,
  no_outreach_months: 3,
}

/** The area forms of a rule; a list of provinces only where the atlas serves more than one. */
type AreaMode = 'all' | 'classes' | 'communes' | 'provinces'

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)

/** Alert rules, for administrators and leaders: list, enable or disable, delete, and a form for a new one. */
export function AlertRulesScreen() {
  const { t } = useI18n()
  const national = useNational()
  const [rules, setRules] = useState<Rule[]>([])
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [condition, setCondition] = useState<Condition>('village_coverage_below')
  const [threshold, setThreshold] = useState(String(DEFAULT_THRESHOLD.village_coverage_below))
  const [level, setLevel] = useState<'commune' | 'village'>('commune')
  const [areaMode, setAreaMode] = useState<AreaMode>('all')
  const [areaList, setAreaList] = useState('')
  const [roles, setRoles] = useState<string[]>(['leader'])
  const [emails, setEmails] = useState('')

  const load = useCallback(async () => {
    setRules((await request.get<{ rules: Rule[] }>('/api/alerts/rules')).rules)
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const fail = (e: unknown) => {
    if (e instanceof ApiError)
      setError(`${e.details[0]?.field ? `${e.details[0].field}: ` : ''}${e.details[0]?.problem ?? e.message}`)
    else setError(String(e))
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const area = areaMode === 'all' ? { all: true } : { [areaMode]: list(areaList) }
    try {
      await request.post('/api/alerts/rules', {
        name,
        condition,
        threshold: Number(threshold.replace(',', '.')),
        level,
        area,
        notify: { roles, users: [], emails: list(emails) },
      })
      setName('')
      await load()
    } catch (err) {
      fail(err)
    }
  }
  const toggle = async (r: Rule) => {
    await request.patch(`/api/alerts/rules/${r.id}`, { enabled: !r.enabled }).catch(fail)
    await load()
  }
  const remove = async (r: Rule) => {
    await request.delete(`/api/alerts/rules/${r.id}`).catch(fail)
    await load()
  }
  return (
    <div className="alert-rules">
      <AdminTable
        testId="alert-rules"
        columns={['name', 'condition', 'threshold', 'area', 'notify', 'enabled', '']}
        label={(c) => t(`alerts.rule.${c}`)}
      >
        {rules.map((r) => (
          <tr key={r.id} data-rule={r.id}>
            <td>{r.name}</td>
            <td>
              {t(`alerts.condition.${r.condition}`)} · {t(`level.${r.level}`)}
            </td>
            <td>{r.threshold}</td>
            <td>{'all' in r.area ? t('alerts.area.all') : Object.values(r.area).flat().join(', ')}</td>
            <td>{[...r.notify.roles, ...r.notify.users, ...(r.notify.emails ?? [])].join(', ')}</td>
            <td>
              <input type="checkbox" checked={r.enabled} onChange={() => toggle(r)} aria-label={r.name} />
            </td>
            <td>
              <button type="button" className="btn btn-small" onClick={() => remove(r)}>
                {t('alerts.rule.delete')}
              </button>
            </td>
          </tr>
        ))}
      </AdminTable>
      <form className="adm-form" onSubmit={submit} data-testid="alert-rule-form">
        <h3>{t('alerts.rule.new')}</h3>
        <TextControl label={t('alerts.rule.name')} required value={name} onValue={setName} name="name" />
        <div className="field-row">
          <LabelledControl label={t('alerts.rule.condition')} grow>
            <select
              name="condition"
              value={condition}
              onChange={(e) => {
                const c = e.target.value as Condition
                setCondition(c)
                setThreshold(String(DEFAULT_THRESHOLD[c]))
              }}
            >
              <Options of={ALERT_CONDITIONS} label={(c) => t(`alerts.condition.${c}`)} />
            </select>
          </LabelledControl>
          <TextControl
            label={t('alerts.rule.threshold')}
            name="threshold"
            value={threshold}
            onValue={setThreshold}
            size={6}
          />
          <LabelledControl label={t('alerts.rule.level')}>
            <select value={level} onChange={(e) => setLevel(e.target.value as 'commune' | 'village')}>
              <option value="commune">{t('level.commune')}</option>
              <option value="village">{t('level.village')}</option>
            </select>
          </LabelledControl>
        </div>
        <div className="hint">{t(`alerts.threshold.${condition}`)}</div>
        <div className="field-row">
          <LabelledControl label={t('alerts.rule.area')}>
            <select name="area" value={areaMode} onChange={(e) => setAreaMode(e.target.value as AreaMode)}>
              <option value="all">{t('alerts.area.all')}</option>
              {national && <option value="provinces">{t('alerts.area.provinces')}</option>}
              <option value="classes">{t('alerts.area.classes')}</option>
              <option value="communes">{t('alerts.area.communes')}</option>
            </select>
          </LabelledControl>
          {areaMode !== 'all' && (
            <TextControl label={t('alerts.area.list')} grow value={areaList} onValue={setAreaList} />
          )}
        </div>
        <fieldset className="field">
          <legend className="field-label">{t('alerts.rule.notify')}</legend>
          {ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) =>
                  setRoles((rs) => (e.target.checked ? [...rs, r] : rs.filter((x) => x !== r)))
                }
              />
              <span>{r}</span>
            </label>
          ))}
        </fieldset>
        <TextControl
          label={t('alerts.rule.emails')}
          value={emails}
          onValue={setEmails}
          placeholder="a@example.vn, …"
        />
        {error && (
          <div className="error-text" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="btn">
          {t('alerts.rule.create')}
        </button>
      </form>
    </div>
  )
}
