import type { MetricsRow } from '@antt/contract'

/**
 * Warning signs of a weak area, read from the metrics of /api/metrics, each with its evidence. A stop-gap
 * until the priority score (issue 5) gives per-part contributions; the thresholds are stated here so the
 * interface can say why an area is flagged.
 */
export type WeaknessCode =
  | 'noModels'
  | 'coverage'
  | 'compliance'
  | 'effective'
  | 'incidentRate'
  | 'dissolved'
  | 'weakModels'
  | 'density'
  | 'outreach'

export interface Weakness {
  code: WeaknessCode
  /** the unit's value behind the sign */
  value: number
  /** the province value it was compared with, where there is one */
  reference?: number
  /** larger = more serious, to order the list */
  severity: number
}

export const THRESHOLDS = {
  /** village coverage below this */
  coverage: 0.9,
  /** evaluation compliance below this */
  compliance: 0.8,
  /** share of rated models rated tốt/khá below this */
  effective: 0.6,
  /** incident rate at least this multiple of the province rate */
  incidentRateRatio: 1.5,
  /** weak models as a share of active + weak models at least this */
  weakModelShare: 0.15,
  /** models dissolved within the period, at least */
  dissolvedMin: 2,
  /** models and outreach per 1,000 below this fraction of the province value */
  lowFraction: 0.5,
} as const

/** A unit is counted as a weak area when it shows at least this many signs. */
export const WEAK_AREA_MIN_SIGNS = 2

export function weaknesses(row: MetricsRow, province: Record<string, number | null>): Weakness[] {
  const out: Weakness[] = []
  const v = (k: keyof MetricsRow) => row[k] as number | null
  const active = v('active_models') ?? 0
  if (active === 0 && (row.population ?? 0) > 0) out.push({ code: 'noModels', value: 0, severity: 10 })
  const cov = v('village_coverage')
  if (cov !== null && cov < THRESHOLDS.coverage)
    out.push({ code: 'coverage', value: cov, severity: 5 + (1 - cov) * 5 })
  const comp = v('evaluation_compliance')
  if (comp !== null && comp < THRESHOLDS.compliance)
    out.push({ code: 'compliance', value: comp, severity: 3 + (1 - comp) * 3 })
  const eff = v('effective_share')
  if (eff !== null && eff < THRESHOLDS.effective)
    out.push({ code: 'effective', value: eff, severity: 3 + (1 - eff) * 3 })
  const rate = v('incident_rate_per_1000')
  const pRate = province.incident_rate_per_1000
  if (rate !== null && pRate && rate >= THRESHOLDS.incidentRateRatio * pRate)
    out.push({ code: 'incidentRate', value: rate, reference: pRate, severity: 2 + rate / pRate })
  const dissolved = v('dissolved_models') ?? 0
  if (dissolved >= THRESHOLDS.dissolvedMin)
    out.push({ code: 'dissolved', value: dissolved, severity: 2 + dissolved / 2 })
  const weak = v('weak_models') ?? 0
  if (weak > 0 && weak / (active + weak) >= THRESHOLDS.weakModelShare)
    out.push({ code: 'weakModels', value: weak, severity: 2 + weak / 4 })
  const dens = v('models_per_1000')
  const pDens = province.models_per_1000
  if (active > 0 && dens !== null && pDens && dens < THRESHOLDS.lowFraction * pDens)
    out.push({ code: 'density', value: dens, reference: pDens, severity: 2 })
  const outreach = v('outreach_per_1000')
  const pOut = province.outreach_per_1000
  if (outreach !== null && pOut && outreach < THRESHOLDS.lowFraction * pOut)
    out.push({ code: 'outreach', value: outreach, reference: pOut, severity: 1 })
  return out.sort((a, b) => b.severity - a.severity)
}

export function isWeakArea(row: MetricsRow, province: Record<string, number | null>): boolean {
  return weaknesses(row, province).length >= WEAK_AREA_MIN_SIGNS
}
