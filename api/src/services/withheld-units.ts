import { isAggregateOnly, withheldCounts } from '../auth/disclosure.ts'
import type { AppDeps } from '../context.ts'
import type { Period } from './period.ts'

/**
 * The units whose incident count an aggregate-only caller does not see (auth/disclosure.ts, rules 1 and 3):
 * counts of 1–2, and for villages the secondary suppressions that keep them from being worked out from their
 * commune's count, and communes whose count would pin their villages' even with all of them withheld. Computed
 * over every unit in the caller's scope for the period and categories only, so a unit is withheld alike in
 * every response whatever the other filters. null: the caller may see incident points, nothing is withheld.
 */
export async function withheldUnits(
  deps: AppDeps,
  level: 'commune' | 'village',
  period: Period,
  categories?: readonly string[] | null,
): Promise<Set<string> | null> {
  if (!isAggregateOnly(deps.principal)) return null
  const cats = categories?.length ? [...new Set(categories)].sort() : null
  const codes = await deps.catalog.memo(JSON.stringify(['withheld', level, period, cats]), async () => {
    const counts = (unitLevel: string) =>
      deps.db.query<{ code: string; commune_code: string | null; n: number }>(
        `select code, commune_code, incidents_a as n
         from unit_incident_counts($1, $2::date, $3::date, null, null, $4::text[], null, null)`,
        [unitLevel, period.from, period.to, cats],
      )
    const villages = await counts('village')
    const byCommune = withheldCounts(
      villages.map((r) => r.n),
      villages.map((r) => r.commune_code),
    )
    if (level === 'village') return villages.filter((_, i) => byCommune.held[i]).map((r) => r.code)
    const communes = await counts('commune')
    const small = withheldCounts(communes.map((r) => r.n)).held
    return communes.filter((r, i) => small[i] || byCommune.unsafe.has(r.code)).map((r) => r.code)
  })
  return new Set(codes)
}
