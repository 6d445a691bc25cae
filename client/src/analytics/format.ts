import type { EmergingCategory } from '@antt/analysis'
import type { I18n } from '../i18n/index.ts'
import { formatMetric } from '../metrics/format-metric.ts'
import type { HotspotMetric } from '../state/analytics-state.ts'

/** The label of a hot-spot metric. */
export function hotspotMetricLabel(i18n: I18n, metric: HotspotMetric): string {
  return i18n.t(`metric.${metric}`)
}

/** A value of a hot-spot metric with its unit. */
export function formatHotspotValue(i18n: I18n, metric: HotspotMetric, value: number | null): string {
  return formatMetric(i18n, metric, value)
}

/** A p-value: "< 0,001" below one in a thousand, else three decimals. */
export function formatP(i18n: I18n, p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–'
  if (p < 0.001) return `< ${i18n.fmt.number(0.001, 3)}`
  return i18n.fmt.number(p, 3)
}

const fixedFormats = new Map<string, Intl.NumberFormat>()

/** A number with exactly `digits` decimals, so a column of scores lines up ("57,0", "6,2"). */
export function formatFixed(i18n: I18n, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const key = `${i18n.lang}|${digits}`
  let f = fixedFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(i18n.lang === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    fixedFormats.set(key, f)
  }
  return f.format(value)
}

/** The rule an emerging hot-spot category follows: "new-hot-spot" → "new"; hot and cold spots share it, swapped. */
export type EmergingKind =
  | 'new'
  | 'consecutive'
  | 'intensifying'
  | 'persistent'
  | 'diminishing'
  | 'sporadic'
  | 'oscillating'
  | 'historical'
  | 'no-pattern'

export const emergingKind = (category: EmergingCategory) =>
  category.replace(/-(hot|cold)-spot$/, '') as EmergingKind
