import type { Health } from '@antt/contract'
import type { I18n } from './index.ts'

/** The subtitle, naming the area the server serves ("… · tỉnh Cao Bằng"); "…" until it is known. */
export function areaSubtitle(i18n: I18n, health: Health | undefined): string {
  const area = health?.area
  const name = !area?.name
    ? '…'
    : i18n.lang === 'en'
      ? area.name_en
      : area.name.charAt(0).toLowerCase() + area.name.slice(1)
  return i18n.t('app.subtitle', { area: name })
}
