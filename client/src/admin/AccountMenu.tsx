import { lazy, Suspense, useState } from 'react'
import { may, signOut, useSession } from '../api/client.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Dialog } from '../ui/Dialog.tsx'
import './admin.css'

const UsersScreen = lazy(() => import('./UsersScreen.tsx').then((m) => ({ default: m.UsersScreen })))
const AuditScreen = lazy(() => import('./AuditScreen.tsx').then((m) => ({ default: m.AuditScreen })))
const PasswordForm = lazy(() => import('./PasswordForm.tsx').then((m) => ({ default: m.PasswordForm })))
const RecordsScreen = lazy(() =>
  import('../records/RecordsScreen.tsx').then((m) => ({ default: m.RecordsScreen })),
)

const AlertRulesScreen = lazy(() =>
  import('../alerts/AlertRulesScreen.tsx').then((m) => ({ default: m.AlertRulesScreen })),
)

type Screen = 'records' | 'users' | 'audit' | 'alerts' | 'password'

const SCREENS: { id: Screen; label: MessageKey; permission: string | null }[] = [
  { id: 'records', label: 'admin.menu.records', permission: 'edit_records' },
  { id: 'users', label: 'admin.menu.users', permission: 'manage_users' },
  { id: 'audit', label: 'admin.menu.audit', permission: 'read_audit' },
  { id: 'alerts', label: 'admin.menu.alerts', permission: 'manage_alerts' },
  { id: 'password', label: 'admin.menu.password', permission: null },
]

/**
 * The signed-in user's menu in the header: the screens their permissions allow, password change and
 * sign-out. Nothing is shown when the API runs without accounts.
 */
export function AccountMenu() {
  const { t } = useI18n()
  const user = useSession()
  const [open, setOpen] = useState(false)
  const [screen, setScreen] = useState<Screen | null>(null)
  const [hidden, setHidden] = useState(false)
  if (!user) return null
  const screens = SCREENS.filter((s) => s.permission === null || may(user, s.permission))
  const exportOnly = !may(user, 'edit_records') && may(user, 'export')
  const label = (s: Screen) => t(SCREENS.find((x) => x.id === s)?.label ?? 'admin.menu.records')
  return (
    <div className="adm-account">
      <button
        type="button"
        className="btn"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="account-menu"
        title={t('admin.menu.signedInAs', { name: user.display_name })}
      >
        {user.username} ▾
      </button>
      {open && (
        <div className="adm-menu" role="menu">
          <div className="adm-menu-who">
            <strong>{user.display_name}</strong>
            <span className="muted">{user.role}</span>
          </div>
          {screens.map((s) => (
            <button
              key={s.id}
              type="button"
              role="menuitem"
              data-screen={s.id}
              onClick={() => {
                setScreen(s.id)
                setOpen(false)
              }}
            >
              {t(s.label)}
            </button>
          ))}
          {exportOnly && (
            <button
              type="button"
              role="menuitem"
              data-screen="export"
              onClick={() => {
                setScreen('records')
                setOpen(false)
              }}
            >
              {t('admin.menu.export')}
            </button>
          )}
          <button type="button" role="menuitem" data-testid="sign-out" onClick={() => signOut()}>
            {t('admin.menu.signOut')}
          </button>
        </div>
      )}
      {screen && (
        <Dialog
          title={label(screen)}
          onClose={() => {
            setScreen(null)
            setHidden(false)
          }}
          hidden={hidden}
          wide={screen !== 'password'}
          testId={`screen-${screen}`}
        >
          <Suspense fallback={<p className="muted">…</p>}>
            {screen === 'users' && <UsersScreen />}
            {screen === 'audit' && <AuditScreen />}
            {screen === 'alerts' && <AlertRulesScreen />}
            {screen === 'password' && <PasswordForm />}
            {screen === 'records' && <RecordsScreen user={user} onHide={setHidden} />}
          </Suspense>
        </Dialog>
      )}
    </div>
  )
}
