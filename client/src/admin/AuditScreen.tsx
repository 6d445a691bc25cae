import type { AuditEntry } from '@antt/contract'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { request } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { AdminTable } from '../ui/AdminTable.tsx'
import { Options } from '../ui/Options.tsx'
import { auditDetails, auditTime } from './audit-format.ts'

const PAGE = 50
/** Every action the API writes (grep `action: '` in api/src), in the order of the filter list. */
const ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'password_change',
  'user_create',
  'user_update',
  'record_create',
  'record_update',
  'model_status',
  'import_dry_run',
  'import_commit',
  'import_discard',
  'export',
  'view_create',
  'view_update',
  'view_delete',
  'deck_create',
  'deck_update',
  'deck_delete',
] as const
type Action = (typeof ACTIONS)[number]
const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a)

/** The audit log, newest first, filtered by action and user, paged by id. */
export function AuditScreen() {
  const { t, fmt } = useI18n()
  const [entries, setEntries] = useState<AuditEntry[]>([])
  const [more, setMore] = useState(false)
  const [action, setAction] = useState('')
  const [user, setUser] = useState('')
  const [query, setQuery] = useState({ action: '', user: '' })

  const load = useCallback(
    async (before?: number) => {
      const p = new URLSearchParams({ limit: String(PAGE) })
      if (query.action) p.set('action', query.action)
      if (query.user) p.set('user', query.user)
      if (before) p.set('before_id', String(before))
      const r = await request.get<{ entries: AuditEntry[] }>(`/api/audit?${p}`)
      setEntries((e) => (before ? [...e, ...r.entries] : r.entries))
      setMore(r.entries.length === PAGE)
    },
    [query],
  )
  useEffect(() => {
    load()
  }, [load])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setQuery({ action, user: user.trim().toLowerCase() })
  }
  return (
    <div className="adm-audit">
      <form className="adm-toolbar" onSubmit={submit}>
        <select
          value={action}
          onChange={(e) => setAction(e.target.value)}
          aria-label={t('admin.audit.action')}
        >
          <option value="">{t('admin.audit.allActions')}</option>
          <Options of={ACTIONS} label={(a) => t(`admin.audit.act.${a}`)} />
        </select>
        <input
          type="search"
          value={user}
          placeholder={t('admin.audit.user')}
          aria-label={t('admin.audit.user')}
          onChange={(e) => setUser(e.target.value)}
        />
        <button type="submit" className="btn">
          {t('admin.audit.filter')}
        </button>
      </form>
      <AdminTable
        testId="audit-table"
        columns={['at', 'user', 'action', 'target', 'details', 'ip']}
        label={(c) => t(`admin.audit.${c}`)}
      >
        {entries.map((e) => {
          const raw = e.details ? JSON.stringify(e.details) : ''
          const details =
            e.details && typeof e.details === 'object'
              ? auditDetails(e.details as Record<string, unknown>, (v) => fmt.integer(v))
              : raw
          return (
            <tr key={e.id} data-action={e.action}>
              <td className="adm-nowrap" title={e.at}>
                {auditTime(e.at)}
              </td>
              <td>{e.username ?? '–'}</td>
              <td title={e.action}>{isAction(e.action) ? t(`admin.audit.act.${e.action}`) : e.action}</td>
              <td>{e.target ?? ''}</td>
              <td className="adm-details" title={raw}>
                {details}
              </td>
              <td>{e.ip ?? ''}</td>
            </tr>
          )
        })}
      </AdminTable>
      {!entries.length && <p className="muted">{t('admin.audit.empty')}</p>}
      {more && (
        <button type="button" className="btn" onClick={() => load(entries[entries.length - 1]?.id)}>
          {t('admin.audit.more')}
        </button>
      )}
    </div>
  )
}
