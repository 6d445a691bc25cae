import type { I18n } from '../i18n/index.ts'
import type { MetricName } from '../metrics/catalog.ts'
import { type PriorityWeights, weightShares } from '../state/priority-weights.ts'

export interface TitleContext {
  metric: MetricName
  from: string | null
  to: string | null
  /** the drilled or selected commune's name; null for the province */
  place: string | null
}

/** A title for a new view, from what the screen shows: "Tỷ lệ vụ việc · 01/07/2025 – 30/06/2026 · Toàn tỉnh". */
export function defaultViewTitle(i18n: I18n, c: TitleContext): string {
  const { t, fmt } = i18n
  const parts = [t(`metric.${c.metric}`)]
  if (c.from && c.to) parts.push(`${fmt.date(c.from)} – ${fmt.date(c.to)}`)
  parts.push(c.place ?? t('brief.wholeProvince'))
  return parts.join(' · ')
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
