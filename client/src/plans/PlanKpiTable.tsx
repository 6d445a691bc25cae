import type { PlanKpis } from '@antt/contract'
import { useI18n } from '../state/use-i18n.ts'
import { TableHead } from '../ui/TableHead.tsx'

export type KpiKey = 'village_coverage' | 'population_covered' | 'demand_covered' | 'border_village_coverage'

const KPI_ROWS: { key: KpiKey; share?: boolean }[] = [
  { key: 'village_coverage', share: true },
  { key: 'population_covered' },
  { key: 'demand_covered' },
  { key: 'border_village_coverage', share: true },
]

/** The area's KPIs before and after a plan's sites (both forms of the planner). */
export function PlanKpiTable({
  before,
  after,
  rows = KPI_ROWS,
}: {
  before: Pick<PlanKpis, KpiKey> | Record<KpiKey, number | null>
  after: Pick<PlanKpis, KpiKey> | Record<KpiKey, number | null>
  rows?: typeof KPI_ROWS
}) {
  const { t, fmt } = useI18n()
  return (
    <table className="data-table plan-kpis">
      <TableHead labels={[t('plan.kpi'), t('plan.before'), t('plan.after')]} numFrom={1} />
      <tbody>
        {rows.map(({ key, share }) => (
          <tr key={key} data-kpi={key}>
            <td>{t(`plan.kpi.${key}`)}</td>
            <td className="num">{share ? fmt.percent(before[key], 1) : fmt.number(before[key])}</td>
            <td className="num">
              <strong>{share ? fmt.percent(after[key], 1) : fmt.number(after[key])}</strong>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Without demand (set covering counts villages; a briefing of a plan by incidents): coverage and population. */
export const COVER_KPI_ROWS = KPI_ROWS.filter((r) => r.key !== 'demand_covered')

/** "n new models cost …" on a line of its own, when the model type has a unit cost. */
export function TotalCost({
  result,
}: {
  result: { parameters: { total_cost_vnd: number | null }; selected: readonly unknown[] }
}) {
  const { t, fmt } = useI18n()
  if (result.parameters.total_cost_vnd === null) return null
  return (
    <>
      <br />
      {t('plan.totalCost', {
        n: result.selected.length,
        cost: fmt.integer(result.parameters.total_cost_vnd),
      })}
    </>
  )
}
