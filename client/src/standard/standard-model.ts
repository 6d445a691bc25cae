import { palette } from '@antt/analysis'
import type { CoverageResult, StandardRow } from './standard-api.ts'

/**
 * Classes of the standard-set map. Communes: the share of their villages (those a standard applies to)
 * that have every model type their classes require, in quarters. Villages: meets it or not. Units no
 * standard applies to are left out (drawn as "no standard").
 */
export const SHARE_BREAKS = [0.25, 0.5, 0.75, 1] as const
export const SHARE_COLORS: readonly string[] = palette('YlGnBu', SHARE_BREAKS.length)
export const MET_COLORS = { met: '#1b7837', unmet: '#e08214' } as const

export type StandardClass = 'q0' | 'q1' | 'q2' | 'q3' | 'met' | 'unmet'

export interface StandardModel {
  level: 'commune' | 'village'
  /** classes in legend order (best first) with their colours and unit counts */
  classes: { id: StandardClass; color: string; count: number }[]
  /** units no standard applies to */
  none: number
  colorByCode: Map<string, string>
  rowByCode: Map<string, StandardRow>
  /** changes whenever the colours do */
  key: string
}

/** The class of a commune's share, 0–1: 'q0' below 25 %, … 'q3' from 75 % to 100 % inclusive. */
export function shareClass(share: number): StandardClass {
  const i = SHARE_BREAKS.findIndex((b) => share < b)
  return (['q0', 'q1', 'q2', 'q3'] as const)[i < 0 ? 3 : i]
}

/** The standard-set map over the rows; at village level with `drill`, that commune's villages only. */
export function standardModel(data: CoverageResult, drill: string | null): StandardModel {
  const rows = data.rows.filter((r) => data.level !== 'village' || !drill || r.commune_code === drill)
  const colorOf: Record<StandardClass, string> = {
    q0: SHARE_COLORS[0],
    q1: SHARE_COLORS[1],
    q2: SHARE_COLORS[2],
    q3: SHARE_COLORS[3],
    ...MET_COLORS,
  }
  const order: StandardClass[] = data.level === 'village' ? ['met', 'unmet'] : ['q3', 'q2', 'q1', 'q0']
  const counts = new Map<StandardClass, number>(order.map((c) => [c, 0]))
  const colorByCode = new Map<string, string>()
  let none = 0
  for (const r of rows) {
    const s = r.standard
    if (!s.villages || s.coverage === null) {
      none++
      continue
    }
    const cls: StandardClass =
      data.level === 'village'
        ? s.villages_meeting === s.villages
          ? 'met'
          : 'unmet'
        : shareClass(s.coverage)
    counts.set(cls, (counts.get(cls) ?? 0) + 1)
    colorByCode.set(r.code, colorOf[cls])
  }
  return {
    level: data.level,
    classes: order.map((id) => ({ id, color: colorOf[id], count: counts.get(id) ?? 0 })),
    none,
    colorByCode,
    rowByCode: new Map(rows.map((r) => [r.code, r])),
    key: `${data.level}|${drill}|${[...colorByCode].map(([c, v]) => c + v).join(',')}`,
  }
}
