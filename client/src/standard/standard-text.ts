import type { Taxonomies } from '@antt/contract'
import type { I18n } from '../i18n/index.ts'
import type { StandardRow } from './standard-api.ts'
import { SHARE_BREAKS, type StandardClass } from './standard-model.ts'

/** The legend label of a class of the standard-set map. */
export function standardClassLabel(i18n: I18n, cls: StandardClass): string {
  const { t, fmt } = i18n
  if (cls === 'met' || cls === 'unmet') return t(`standard.class.${cls}`)
  const i = Number(cls.slice(1))
  if (i === 0) return t('standard.under', { v: fmt.percent(SHARE_BREAKS[0], 0) })
  return `${fmt.percent(SHARE_BREAKS[i - 1], 0)} – ${fmt.percent(SHARE_BREAKS[i], 0)}`
}

/** What the standard-set map says of one unit: how many villages meet it, or what the village lacks. */
export function standardTooltip(i18n: I18n, row: StandardRow, tax: Taxonomies | undefined): string[] {
  const { t, fmt } = i18n
  const s = row.standard
  if (!s.villages) return [t('standard.none')]
  const typeName = (code: string) =>
    i18n.name(
      tax?.model_types.find((x) => x.code === code),
      code,
    )
  const lacking = Object.entries(s.lacking)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
  if (row.code.includes('-'))
    return [
      s.villages_meeting === s.villages
        ? t('standard.villageMet')
        : `${t('standard.lacking')} ${lacking.map(([type]) => typeName(type)).join(', ')}`,
    ]
  return [
    `${fmt.percent(s.coverage, 0)} ${t('standard.meeting', { n: fmt.integer(s.villages_meeting), of: fmt.integer(s.villages) })}`,
    ...(lacking.length
      ? [
          `${t('standard.lacking')} ${lacking
            .slice(0, 2)
            .map(([type, n]) => t('standard.lackingOne', { type: typeName(type), n }))
            .join('; ')}`,
        ]
      : []),
  ]
}
