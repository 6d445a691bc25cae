import type { CoverRequest, DemandKind, PlanRequest } from '@antt/contract'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { RankingHead } from '../analytics/RankingHead.tsx'
import { useMay } from '../api/client.ts'
import { useCommunes, useScenarioId, useTaxonomies, useVillagePoints } from '../api/hooks.ts'
import { ScenarioPicker } from '../scenarios/ScenarioPicker.tsx'
import { createScenario, useScenarios } from '../scenarios/scenario-api.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Tabs } from '../ui/Tabs.tsx'
import '../analytics/analytics.css'
import './plans.css'
import { Options } from '../ui/Options.tsx'
import { Segmented } from '../ui/Segmented.tsx'
import { CoverResults } from './CoverResults.tsx'
import { PlanCurve } from './PlanCurve.tsx'
import { PlanKpiTable, TotalCost } from './PlanKpiTable.tsx'
import { downloadPlanXlsx, loadCosts, runCover, runPlan } from './plan-api.ts'
import { setPlan, usePlan } from './plan-store.ts'
import { planSnapshot, showPlan } from './plan-view.ts'
import { SiteTable } from './SiteTable.tsx'

/**
 * The planner: where N new models (or a budget's worth) of a type cover the most demand, or the fewest that
 * bring the border villages (or all) to a share, solved exactly on the server (HiGHS) with greedy beside
 * it; proposed sites numbered on the map, KPIs before and after, the curve 1…N, why each site, locks and
 * re-solve, XLSX export. A plan becomes a what-if scenario with one click, and plans start from the
 * scenario in force.
 */
/**
 * The planner. `onSaveView` opens the form that saves the screen as a briefing view, with a proposed title: the
 * plan's card and numbered sites are then part of the screen.
 */
export function PlanPanel({ onSaveView }: { onSaveView: (title: string) => void }) {
  const { t, fmt, name, lang } = useI18n()
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const drill = useAtlas((s) => s.drill)
  const types = useTaxonomies().data?.model_types ?? []
  const communes = useCommunes().data
  const points = useVillagePoints(true).data
  const { result, cover, goal, running, error, request } = usePlan((s) => s)
  const scenario = useScenarioId()
  const scenarios = useScenarios()
  const [type, setType] = useState('camera_an_ninh')
  const [mode, setMode] = useState<'count' | 'budget'>('count')
  const [count, setCount] = useState(5)
  const [budget, setBudget] = useState(500_000_000)
  const [radius, setRadius] = useState<number | null>(null)
  const [demand, setDemand] = useState<DemandKind>('population')
  const [onlyDrill, setOnlyDrill] = useState(false)
  const [timeLimit, setTimeLimit] = useState(10)
  const [include, setInclude] = useState<string[]>([])
  const [exclude, setExclude] = useState<string[]>([])
  const [open, setOpen] = useState<string | null>(null)
  const [costs, setCosts] = useState<Map<string, number | null>>(new Map())
  const [target, setTarget] = useState<'border' | 'all'>('border')
  const [share, setShare] = useState(0.8)
  const [saving, setSaving] = useState(false)
  const mayViews = useMay('manage_views')

  useEffect(() => {
    loadCosts(scenario).then(
      (r) => setCosts(new Map(r.costs.map((c) => [c.type_code, c.unit_cost_vnd]))),
      () => {},
    )
  }, [scenario])
  const chosenType = types.find((x) => x.code === type)
  const isRadius = chosenType?.coverage === 'radius'
  const villageName = useMemo(
    () => new Map((points?.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [points],
  )
  const communeName = useMemo(
    () => new Map((communes?.features ?? []).map((f) => [f.properties.code, f.properties.name])),
    [communes],
  )

  const area = {
    radius_m: isRadius ? (radius ?? chosenType?.radius_m ?? null) : null,
    communes: onlyDrill && drill ? [drill] : null,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  }
  const solveCover = async () => {
    const body: CoverRequest = {
      model_type: type,
      target,
      share,
      ...area,
      include: [],
      exclude: [],
      time_limit_s: timeLimit,
    }
    setPlan({ running: true, error: null })
    try {
      setPlan({ cover: await runCover(body, scenario), running: false })
    } catch (e) {
      setPlan({ running: false, error: (e as Error).message })
    }
  }
  /** A new scenario: the one in force (if any) and a model of the plan's type at each proposed site. */
  const toScenario = async (modelType: string, sites: string[]) => {
    const base = scenarios?.find((x) => x.id === scenario)
    const typeName = name(types.find((x) => x.code === modelType))
    setSaving(true)
    try {
      const created = await createScenario({
        name: base
          ? t('scenario.fromPlanOn', { n: sites.length, type: typeName, base: base.name })
          : t('scenario.fromPlan', { n: sites.length, type: typeName }),
        changes: base?.changes ?? [],
        from_plan: { model_type: modelType, sites },
      })
      update({ scenario: created.id })
    } catch (e) {
      setPlan({ error: (e as Error).message })
    } finally {
      setSaving(false)
    }
  }
  const solve = async (locks = { include, exclude }) => {
    if (goal === 'cover') return solveCover()
    const body: PlanRequest = {
      model_type: type,
      count: mode === 'count' ? count : null,
      budget: mode === 'budget' ? budget : null,
      demand,
      ...area,
      include: locks.include,
      exclude: locks.exclude,
      time_limit_s: timeLimit,
    }
    setPlan({ running: true, error: null, request: body })
    try {
      setPlan({ result: await runPlan(body, scenario), running: false })
    } catch (e) {
      setPlan({ running: false, error: (e as Error).message })
    }
  }
  const toggle = (list: string[], code: string) =>
    list.includes(code) ? list.filter((c) => c !== code) : [...list, code]
  const lock = (code: string, how: 'in' | 'out') => {
    const next =
      how === 'in'
        ? { include: toggle(include, code), exclude: exclude.filter((c) => c !== code) }
        : { include: include.filter((c) => c !== code), exclude: toggle(exclude, code) }
    setInclude(next.include)
    setExclude(next.exclude)
  }
  const better =
    result && result.greedy_objective > 0
      ? (result.objective - result.greedy_objective) / result.greedy_objective
      : 0

  return (
    <section className="ranking plan-panel" data-testid="plan-panel" aria-busy={running}>
      <RankingHead>
        <span className="muted demo-note">{t('app.demo')}</span>
      </RankingHead>
      <div className="plan-body">
        <form
          className="plan-form"
          onSubmit={(e) => {
            e.preventDefault()
            void solve()
          }}
        >
          <ScenarioPicker />
          <Tabs
            tabs={['optimize', 'cover'] as const}
            value={goal}
            onChange={(g) => setPlan({ goal: g, error: null })}
            label={(g) => t(g === 'optimize' ? 'plan.goalOptimize' : 'plan.goalCover')}
            data="goal"
            className="segmented"
            ariaLabel={t('plan.goal')}
          />
          <label>
            {t('plan.type')}
            <select value={type} onChange={(e) => setType(e.target.value)} data-field="model_type">
              <Options of={types} value={(x) => x.code} label={(x) => name(x)} />
            </select>
          </label>
          {isRadius && (
            <NumberField
              label={t('plan.radius')}
              field="radius_m"
              min={0}
              max={20000}
              step={100}
              value={radius ?? chosenType?.radius_m ?? 500}
              onChange={setRadius}
            />
          )}
          {goal === 'optimize' ? (
            <>
              <Segmented
                choices={['count', 'budget'] as const}
                value={mode}
                onChange={setMode}
                label={(m) => t(m === 'count' ? 'plan.byCount' : 'plan.byBudget')}
                title={t('plan.howMany')}
              />
              {mode === 'count' ? (
                <NumberField
                  label={t('plan.count')}
                  field="count"
                  min={1}
                  max={500}
                  value={count}
                  onChange={(n) => setCount(Math.max(1, Math.round(n || 1)))}
                />
              ) : (
                <NumberField
                  label={t('plan.budget')}
                  field="budget"
                  min={0}
                  step={1_000_000}
                  value={budget}
                  onChange={(n) => setBudget(n || 0)}
                >
                  <span className="muted small">
                    {t('plan.unitCost', { cost: fmt.integer(costs.get(type) ?? null) })}
                  </span>
                </NumberField>
              )}
              <label>
                {t('plan.demand')}
                <select
                  value={demand}
                  onChange={(e) => setDemand(e.target.value as DemandKind)}
                  data-field="demand"
                >
                  <Options
                    of={['population', 'incidents', 'need'] as const}
                    label={(d) => t(`plan.demand.${d}`)}
                  />
                </select>
              </label>
            </>
          ) : (
            <>
              <label>
                {t('plan.target')}
                <select
                  value={target}
                  data-field="target"
                  onChange={(e) => setTarget(e.target.value as 'border' | 'all')}
                >
                  <option value="border">{t('plan.targetBorder')}</option>
                  <option value="all">{t('plan.targetAll')}</option>
                </select>
              </label>
              <NumberField
                label={t('plan.share')}
                field="share"
                min={0}
                max={100}
                step={5}
                value={Math.round(share * 100)}
                onChange={(n) => setShare(Math.min(100, Math.max(0, n || 0)) / 100)}
              />
            </>
          )}
          {drill && (
            <label className="check">
              <input type="checkbox" checked={onlyDrill} onChange={(e) => setOnlyDrill(e.target.checked)} />
              {t('plan.onlyCommune', { name: communeName.get(drill) ?? drill })}
            </label>
          )}
          <label>
            {t('plan.timeLimit')}
            <select value={timeLimit} onChange={(e) => setTimeLimit(Number(e.target.value))}>
              <Options of={[5, 10, 30, 60]} label={(s) => `${s} s`} />
            </select>
          </label>
          {(include.length > 0 || exclude.length > 0) && (
            <p className="small muted" data-testid="plan-locks">
              {t('plan.locks', { in: include.length, out: exclude.length })}{' '}
              <button
                type="button"
                className="btn-link"
                onClick={() => {
                  setInclude([])
                  setExclude([])
                }}
              >
                {t('plan.clearLocks')}
              </button>
            </p>
          )}
          <button
            type="button"
            className="btn btn-primary"
            disabled={running}
            data-action="solve"
            onClick={() => void solve()}
          >
            {running
              ? t('plan.solving')
              : goal === 'cover'
                ? t('plan.runCover')
                : result
                  ? t('plan.resolve')
                  : t('plan.run')}
          </button>
          {(goal === 'cover' ? cover : result) && (
            <button
              type="button"
              className="btn"
              disabled={saving}
              data-action="plan-to-scenario"
              title={t('scenario.fromPlanTitle')}
              onClick={() => {
                const shown = goal === 'cover' ? cover : result
                if (shown?.selected.length)
                  void toScenario(
                    shown.parameters.model_type,
                    shown.selected.map((x) => x.code),
                  )
              }}
            >
              {t('scenario.make')}
            </button>
          )}
          {goal === 'optimize' && result && request && (
            <button
              type="button"
              className="btn"
              data-action="export-xlsx"
              onClick={() =>
                downloadPlanXlsx(
                  request,
                  result.selected.map((s) => s.code),
                  lang,
                ).catch((e: Error) => setPlan({ error: e.message }))
              }
            >
              {t('plan.exportXlsx')}
            </button>
          )}
          {goal === 'optimize' && result && mayViews && (
            <button
              type="button"
              className="btn"
              data-action="plan-to-view"
              title={t('plan.toViewTitle')}
              onClick={() => {
                const at = new Map(
                  (points?.features ?? []).map((f) => [
                    f.properties.code,
                    f.geometry.coordinates as [number, number],
                  ]),
                )
                showPlan(
                  planSnapshot(
                    result,
                    (code) => at.get(code),
                    (code) => communeName.get(code) ?? code,
                  ),
                )
                // the slide is the map with the plan's card: the table closes, the view form opens
                update({ table: false })
                const typeName = name(types.find((x) => x.code === result.parameters.model_type))
                onSaveView(t('plan.viewTitle', { n: result.selected.length, type: typeName }))
              }}
            >
              {t('plan.toView')}
            </button>
          )}
          {error && <div className="error-text">{error}</div>}
        </form>
        {goal === 'cover' && cover && (
          <CoverResults result={cover} communeName={(code) => communeName.get(code) ?? code} />
        )}
        {goal === 'optimize' && result && (
          <div className="plan-results" data-testid="plan-results">
            <p className="plan-status" data-status={result.status}>
              <strong>
                {result.status === 'optimal'
                  ? t('plan.statusOptimal')
                  : t('plan.statusTimeLimit', { gap: fmt.percent(result.gap ?? null, 2) })}
              </strong>{' '}
              · {t('plan.solvedIn', { s: fmt.number(result.time_ms / 1000, 1) })}
              <br />
              {t('plan.objective', { value: fmt.number(result.objective) })} ·{' '}
              {t('plan.vsGreedy', {
                value: fmt.number(result.greedy_objective),
                better: fmt.percent(better, 1),
              })}
              <TotalCost result={result} />
            </p>
            <PlanKpiTable before={result.before} after={result.after} />
            <PlanCurve curve={result.curve} base={result.before.demand_covered} />
          </div>
        )}
        {goal === 'optimize' && result && (
          <SiteTable
            sites={result.selected}
            communeName={(code) => communeName.get(code) ?? code}
            gain={(s) => fmt.number(s.gain)}
            gainTitle={t('plan.gainTitle')}
            head={
              <>
                <th className="num" title={t('plan.onlyTitle')}>
                  {t('plan.only')}
                </th>
                <th>{t('plan.lock')}</th>
              </>
            }
            cells={(s) => (
              <>
                <td className="num">{fmt.integer(s.only.length)}</td>
                <td className="locks">
                  <button
                    type="button"
                    className={`btn-lock${include.includes(s.code) ? ' on' : ''}`}
                    title={t('plan.keep')}
                    aria-pressed={include.includes(s.code)}
                    onClick={(e) => {
                      e.stopPropagation()
                      lock(s.code, 'in')
                    }}
                  >
                    ⊕
                  </button>
                  <button
                    type="button"
                    className={`btn-lock${exclude.includes(s.code) ? ' on' : ''}`}
                    title={t('plan.drop')}
                    aria-pressed={exclude.includes(s.code)}
                    data-action="exclude"
                    onClick={(e) => {
                      e.stopPropagation()
                      lock(s.code, 'out')
                    }}
                  >
                    ⊘
                  </button>
                </td>
              </>
            )}
            open={open}
            onOpen={(code) => setOpen(open === code ? null : code)}
            detail={(s) => (
              <tr className="why-row">
                <td />
                <td colSpan={5} data-testid="plan-why">
                  {t('plan.why', {
                    n: s.covers.length,
                    only: s.only.length,
                    demand: fmt.number(s.only_demand),
                  })}
                  <div className="muted small">{s.only.map((c) => villageName.get(c) ?? c).join(', ')}</div>
                </td>
              </tr>
            )}
          />
        )}
        {!(goal === 'cover' ? cover : result) && !running && (
          <p className="muted pad plan-intro">{t(goal === 'cover' ? 'plan.introCover' : 'plan.intro')}</p>
        )}
      </div>
    </section>
  )
}

/** A number of the plan's request, its input named by the request field (`data-field`); `children` follow it. */
function NumberField(props: {
  label: string
  field: string
  value: number
  min: number
  max?: number
  step?: number
  onChange: (n: number) => void
  children?: ReactNode
}) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        data-field={props.field}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      {props.children}
    </label>
  )
}
