import { useI18n } from '../i18n/use-i18n.ts'
import { update, useAtlas } from '../state/store.ts'
import './analytics.css'

/** Switches the ranking panel between units by a metric and units by priority score. */
export function TableTabs() {
  const { t } = useI18n()
  const mode = useAtlas((s) => s.analytics.table)
  return (
    <div className="segmented table-tabs" role="tablist" aria-label={t('table.title')}>
      {(['metrics', 'priority'] as const).map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={mode === m}
          className={mode === m ? 'on' : ''}
          data-table-tab={m}
          onClick={() => update((s) => ({ analytics: { ...s.analytics, table: m } }))}
        >
          {t(m === 'metrics' ? 'priority.tabMetrics' : 'priority.tab')}
        </button>
      ))}
    </div>
  )
}
