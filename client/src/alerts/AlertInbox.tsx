import type { AlertInbox as AlertInboxData, AlertNotification } from '@antt/contract'
import { useCallback, useEffect, useState } from 'react'
import { request, useSession } from '../api/client.ts'
import { mapFocus } from '../state/map-focus.ts'
import { store, update } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { viewForAlert } from './alerts-api.ts'
import './alerts.css'

/** How often the inbox asks for new notifications. */
const POLL_MS = 120_000

/**
 * The bell in the header: unread count, the caller's notifications newest first, each opening the map at
 * its unit with the layer that shows it; mark one or all read.
 */
export function AlertInbox() {
  const { t, lang, fmt } = useI18n()
  const user = useSession()
  const [data, setData] = useState<AlertInboxData | null>(null)
  const [open, setOpen] = useState(false)
  const load = useCallback(
    () =>
      request
        .get<AlertInboxData>(`/api/alerts?lang=${lang}&limit=50`)
        .then(setData)
        .catch(() => {}),
    [lang],
  )
  useEffect(() => {
    if (!user) return
    void load()
    const timer = setInterval(load, POLL_MS)
    return () => clearInterval(timer)
  }, [user, load])
  if (!user || !data) return null

  const openAlert = async (a: AlertNotification) => {
    update(viewForAlert(store.get(), a))
    mapFocus.fitUnit?.(a.unit_code)
    setOpen(false)
    if (!a.read) await request.post(`/api/alerts/${a.id}/read`).catch(() => {})
    void load()
  }
  const readAll = async () => {
    await request.post('/api/alerts/read').catch(() => {})
    void load()
  }
  return (
    <div className="alert-inbox">
      <button
        type="button"
        className="btn alert-bell"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title={t('alerts.title')}
        data-testid="alert-inbox"
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" className="alert-bell-icon">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="sr-only">{t('alerts.title')}</span>
        {data.unread > 0 && (
          <span className="alert-count" data-testid="alert-unread" data-count={data.unread}>
            {data.unread > 99 ? '99+' : fmt.integer(data.unread)}
          </span>
        )}
      </button>
      {open && (
        <div className="alert-panel" role="dialog" aria-label={t('alerts.title')}>
          <div className="alert-panel-head">
            <strong>{t('alerts.title')}</strong>
            <button type="button" className="btn btn-small" onClick={readAll} disabled={data.unread === 0}>
              {t('alerts.readAll')}
            </button>
          </div>
          {data.alerts.length === 0 ? (
            <div className="muted alert-empty">{t('alerts.empty')}</div>
          ) : (
            <ul className="alert-list">
              {data.alerts.map((a) => (
                <li key={a.id} className={a.read ? 'read' : 'unread'} data-alert={a.id}>
                  <button type="button" onClick={() => openAlert(a)}>
                    <span className="alert-rule">{a.rule_name}</span>
                    <span className="alert-message">{a.message}</span>
                    <span className="alert-when muted">
                      {t('alerts.fired', { date: fmt.date(a.fired_at.slice(0, 10)) })}
                      {a.cleared_at &&
                        ` · ${t('alerts.cleared', { date: fmt.date(a.cleared_at.slice(0, 10)) })}`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
