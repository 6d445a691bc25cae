import type { PlanKpis } from '@antt/contract'
import type { PlanArea } from './area.ts'

const share = (a: number, b: number) => (b > 0 ? a / b : null)

/** KPIs of the area when the villages in `covered` (indices) are covered, besides the already covered. */
export function planKpis(area: PlanArea, covered: ReadonlySet<number> = new Set()): PlanKpis {
  const k = {
    villages: 0,
    villages_covered: 0,
    population: 0,
    population_covered: 0,
    demand: 0,
    demand_covered: 0,
    border_villages: 0,
    border_villages_covered: 0,
  }
  area.villages.forEach((v, i) => {
    const is = v.already_covered || covered.has(i)
    const w = area.weights[i]
    k.villages++
    k.population += v.population
    k.demand += w
    if (v.is_border) k.border_villages++
    if (!is) return
    k.villages_covered++
    k.population_covered += v.population
    k.demand_covered += w
    if (v.is_border) k.border_villages_covered++
  })
  return {
    villages: k.villages,
    villages_covered: k.villages_covered,
    village_coverage: share(k.villages_covered, k.villages),
    population: k.population,
    population_covered: k.population_covered,
    population_coverage: share(k.population_covered, k.population),
    demand: k.demand,
    demand_covered: k.demand_covered,
    demand_coverage: share(k.demand_covered, k.demand),
    border_villages: k.border_villages,
    border_villages_covered: k.border_villages_covered,
    border_village_coverage: share(k.border_villages_covered, k.border_villages),
  }
}
