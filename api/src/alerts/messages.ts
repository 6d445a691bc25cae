import type { AlertCondition } from '@antt/contract'
import { isSuppressed } from '../auth/disclosure.ts'
import { COUNT_FIGURES } from './conditions.ts'

export type Lang = 'vi' | 'en'

/** Counts an aggregate-only reader may not see beyond 1–2: withheld in that period by secondary suppression. */
export interface WithheldFigures {
  /** the unit's count of the alert's month (`incidents`) */
  month?: boolean
  /** its count of the 12 months before (`baseline_incidents`) */
  baseline?: boolean
}

const WITHHELD_BY: Record<(typeof COUNT_FIGURES)[number], keyof WithheldFigures> = {
  incidents: 'month',
  baseline_incidents: 'baseline',
}

/**
 * Aggregate-only callers (and e-mail, which has no scope) get incident counts of 1–2 as null, and those that
 * /api/metrics withholds for the same unit and period to protect them (`withheld`, from withheldUnits()), and
 * no figure computed from such a count (auth/disclosure.ts, rule 2).
 */
export function discloseFigures(
  figures: Record<string, unknown>,
  aggregateOnly: boolean,
  withheld: WithheldFigures = {},
) {
  if (!aggregateOnly) return figures
  const out: Record<string, unknown> = { ...figures }
  for (const k of COUNT_FIGURES) {
    if (typeof out[k] === 'number' && (isSuppressed(out[k] as number) || withheld[WITHHELD_BY[k]])) {
      out[k] = null
      out[`${k}_suppressed`] = true
    }
  }
  // the 12-month average would give its total back, and the spike's p-value either count, given the other
  if (out.baseline_incidents === null) out.baseline_mean = null
  if (COUNT_FIGURES.some((k) => out[k] === null) && 'p' in out) out.p = null
  return out
}

const pct = (v: unknown, lang: Lang) =>
  typeof v === 'number'
    ? `${(v * 100).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} %`
    : '–'
const num = (v: unknown, lang: Lang) =>
  typeof v === 'number'
    ? v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })
    : lang === 'vi'
      ? 'ẩn'
      : 'withheld'

const CATEGORY: Record<string, Record<Lang, string>> = {
  'new-hot-spot': { vi: 'điểm nóng mới', en: 'a new hot spot' },
  'intensifying-hot-spot': { vi: 'điểm nóng đang tăng cường', en: 'an intensifying hot spot' },
}

/** One line naming what triggered the alert, from its (disclosed) figures. */
export function alertMessage(
  condition: AlertCondition,
  unitName: string,
  f: Record<string, unknown>,
  lang: Lang,
): string {
  const vi = lang === 'vi'
  switch (condition) {
    case 'village_coverage_below':
      return vi
        ? `${unitName}: tỷ lệ thôn, tổ có mô hình ${pct(f.village_coverage, lang)} (${num(f.villages_covered, lang)}/${num(f.villages, lang)})`
        : `${unitName}: village coverage ${pct(f.village_coverage, lang)} (${num(f.villages_covered, lang)} of ${num(f.villages, lang)})`
    case 'population_covered_below':
      return vi
        ? `${unitName}: dân số được bao phủ ${pct(f.population_covered_share, lang)}`
        : `${unitName}: population covered ${pct(f.population_covered_share, lang)}`
    case 'overdue_evaluations_above':
      return vi
        ? `${unitName}: ${num(f.overdue_evaluations, lang)} mô hình quá hạn kiểm tra, đánh giá (trên ${num(f.active_models, lang)} mô hình hoạt động)`
        : `${unitName}: ${num(f.overdue_evaluations, lang)} models overdue for evaluation (of ${num(f.active_models, lang)} active)`
    case 'hot_spot_emerging':
      return vi
        ? `${unitName} trở thành ${CATEGORY[String(f.category)]?.vi ?? String(f.category)} về vụ việc (${num(f.months, lang)} tháng gần nhất)`
        : `${unitName} became ${CATEGORY[String(f.category)]?.en ?? String(f.category)} of incidents (last ${num(f.months, lang)} months)`
    case 'incident_spike':
      if (f.incidents === null)
        return vi
          ? `${unitName}: số vụ việc trong tháng ${f.month} cao bất thường so với 12 tháng trước (số nhỏ được ẩn)`
          : `${unitName}: incidents in ${f.month} significantly above the previous 12 months (small numbers withheld)`
      return vi
        ? `${unitName}: ${num(f.incidents, lang)} vụ việc trong tháng ${f.month}, cao bất thường so với trung bình ${num(f.baseline_mean, lang)} vụ/tháng của 12 tháng trước`
        : `${unitName}: ${num(f.incidents, lang)} incidents in ${f.month}, significantly above the 12-month average of ${num(f.baseline_mean, lang)} a month`
    case 'exemplary_dissolved':
      return vi
        ? `${unitName}: ${num(f.exemplary_dissolved, lang)} mô hình điển hình tiên tiến bị thanh loại trong ${num(f.months, lang)} tháng gần nhất`
        : `${unitName}: ${num(f.exemplary_dissolved, lang)} exemplary model(s) dissolved in the last ${num(f.months, lang)} months`
    case 'no_outreach_months':
      return vi
        ? `${unitName}: không có buổi tuyên truyền nào trong ${num(f.months, lang)} tháng gần nhất${f.last_session ? ` (lần cuối ${f.last_session})` : ''}`
        : `${unitName}: no outreach session in the last ${num(f.months, lang)} months${f.last_session ? ` (last on ${f.last_session})` : ''}`
  }
}

/** The map layer that shows what an alert is about, for "open on the map". */
export const CONDITION_LAYER: Record<AlertCondition, string> = {
  village_coverage_below: 'choropleth:village_coverage',
  population_covered_below: 'choropleth:village_coverage',
  overdue_evaluations_above: 'choropleth:evaluation_compliance',
  hot_spot_emerging: 'emerging',
  incident_spike: 'incidents',
  exemplary_dissolved: 'models',
  no_outreach_months: 'choropleth:outreach_per_1000',
}
