import { AccountMenu } from '../admin/AccountMenu.tsx'
import { AlertInbox } from '../alerts/AlertInbox.tsx'
import { useHealth } from '../api/hooks.ts'
import { BriefingMenu } from '../briefing/BriefingMenu.tsx'
import { areaSubtitle } from '../i18n/area-subtitle.ts'
import { update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { LangSwitch } from './LangSwitch.tsx'
import { PeriodPicker } from './PeriodPicker.tsx'
import { SearchBox } from './SearchBox.tsx'

export function Header() {
  const i18n = useI18n()
  const { t } = i18n
  const health = useHealth().data
  const demo = health?.demo
  const table = useAtlas((s) => s.table)
  return (
    <header className="header">
      <div className="brand">
        <div className="brand-mark" aria-hidden="true">
          ★
        </div>
        <div className="brand-text">
          <h1>{t('app.name')}</h1>
          <div className="brand-line">
            <span className="brand-sub">{areaSubtitle(i18n, health)}</span>
            {demo && (
              <span className="demo-badge" title={t('app.demoTitle')} data-testid="demo-badge">
                {t('app.demo')}
              </span>
            )}
          </div>
        </div>
      </div>
      <PeriodPicker />
      <SearchBox />
      <div className="header-actions">
        <BriefingMenu />
        <button
          type="button"
          className={`btn${table ? ' btn-on' : ''}`}
          onClick={() => update({ table: !table })}
          aria-pressed={table}
          data-testid="table-toggle"
        >
          {table ? t('table.close') : t('table.open')}
        </button>
        <LangSwitch />
        <AlertInbox />
        <AccountMenu />
      </div>
    </header>
  )
}
