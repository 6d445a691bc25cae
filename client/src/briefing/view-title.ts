import type { I18n } from '../i18n/index.ts'
import type { MetricName } from '../metrics/catalog.ts'

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
