import { DEFAULT_PRIORITY_WEIGHTS } from '@antt/analysis'
import { PRIORITY_COMPONENTS, type PriorityComponent } from '@antt/contract/lists'
import type { I18n } from '../i18n/index.ts'

// The parts of the priority score and its need and coverage halves are the API's lists (@antt/contract).
export {
  COVERAGE_COMPONENTS,
  NEED_COMPONENTS,
  PRIORITY_COMPONENTS,
  type PriorityComponent,
} from '@antt/contract/lists'
export type PriorityWeights = Record<PriorityComponent, number>

/** Short names in the address, so a link with changed weights stays readable. */
export const WEIGHT_URL_KEYS: Readonly<Record<PriorityComponent, string>> = {
  incident_rate_eb: 'rate',
  hotspot_z: 'hot',
  border: 'border',
  strategic: 'strat',
  trend: 'trend',
  village_coverage_gap: 'cov',
  effective_gap: 'eff',
  evaluation_gap: 'eval',
  models_per_1000_gap: 'dens',
}

/** Largest weight the editor offers (the API accepts up to 1000; only the ratios matter). */
export const MAX_WEIGHT = 1

export const defaultWeights = (): PriorityWeights => ({ ...DEFAULT_PRIORITY_WEIGHTS })

const round = (x: number) => Number(x.toFixed(4))

/**
 * Weights as the `pw` parameter: only those that differ from the defaults, "rate:0.3,border:0";
 * '' when every weight is the default.
 */
export function encodeWeights(w: PriorityWeights | null): string {
  if (!w) return ''
  return PRIORITY_COMPONENTS.filter((k) => round(w[k]) !== round(DEFAULT_PRIORITY_WEIGHTS[k]))
    .map((k) => `${WEIGHT_URL_KEYS[k]}:${round(w[k])}`)
    .join(',')
}

/**
 * The `pw` parameter back to weights; unknown names and malformed or negative numbers are ignored, and a
 * set whose weights are all zero (which the API refuses) gives null, as does an empty parameter.
 */
export function decodeWeights(text: string | null): PriorityWeights | null {
  if (!text) return null
  const byKey = new Map(PRIORITY_COMPONENTS.map((k) => [WEIGHT_URL_KEYS[k], k]))
  const w = defaultWeights()
  let changed = false
  for (const item of text.split(',')) {
    const [key, value] = item.split(':')
    const k = byKey.get(key)
    const v = Number(value)
    if (!k || value === undefined || value.trim() === '' || !Number.isFinite(v) || v < 0 || v > 1000) continue
    w[k] = v
    changed = true
  }
  if (!changed || !PRIORITY_COMPONENTS.some((k) => w[k] > 0)) return null
  return w
}

/** True when `w` equals the defaults (null stands for the defaults). */
export function isDefaultWeights(w: PriorityWeights | null): boolean {
  return encodeWeights(w) === ''
}

/** Each weight's share of the total, 0–1 (what the score uses); all zero when the total is zero. */
export function weightShares(w: PriorityWeights): PriorityWeights {
  const total = PRIORITY_COMPONENTS.reduce((s, k) => s + Math.max(0, w[k]), 0)
  const out = {} as PriorityWeights
  for (const k of PRIORITY_COMPONENTS) out[k] = total > 0 ? Math.max(0, w[k]) / total : 0
  return out
}

/** The API's query parameters for the weights: w_<component>=<weight> for every component. */
export function weightParams(w: PriorityWeights | null): Record<string, number> {
  const full = w ?? defaultWeights()
  return Object.fromEntries(PRIORITY_COMPONENTS.map((k) => [`w_${k}`, round(full[k])]))
}

/** A title for a kept weight set, naming its three heaviest parts: "Trọng số: Tỷ lệ vụ việc 30 %, …". */
export function weightsViewTitle(i18n: I18n, weights: PriorityWeights): string {
  const { t, fmt } = i18n
  const shares = weightShares(weights)
  const top = (Object.keys(shares) as (keyof PriorityWeights)[])
    .filter((k) => shares[k] > 0)
    .sort((a, b) => shares[b] - shares[a])
    .slice(0, 3)
    .map((k) => `${t(`component.${k}`)} ${fmt.percent(shares[k], 0)}`)
  return t('brief.weightsTitle', { list: top.join(', ') })
}
