// The planner's answers (/api/plans), as the API sends them and the client reads them.

/** Coverage of the plan's area before or after the proposed sites. */
export interface PlanKpis {
  villages: number
  villages_covered: number
  /** share of the area's villages covered by a model of the type */
  village_coverage: number | null
  population: number
  population_covered: number
  population_coverage: number | null
  /** Σ demand of the area's villages */
  demand: number
  demand_covered: number
  demand_coverage: number | null
  border_villages: number
  border_villages_covered: number
  /** null when the area has no border village */
  border_village_coverage: number | null
}
