import { type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { useHealth } from '../api/hooks.ts'
import { areaSubtitle } from '../i18n/area-subtitle.ts'
import { useI18n } from '../state/use-i18n.ts'
import { TextControl } from '../ui/LabelledControl.tsx'
import { LangSwitch } from './LangSwitch.tsx'

type AuthState = 'checking' | 'open' | 'signed-in' | 'needs-sign-in'

/**
 * Shows the sign-in form when the API asks for one (401 on /api/auth/me); an API without accounts (404)
 * or a live session lets the dashboard through.
 */
export function SignInGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>('checking')
  useEffect(() => {
    fetch('/api/auth/me').then(
      (r) => setState(r.status === 401 ? 'needs-sign-in' : r.ok ? 'signed-in' : 'open'),
      () => setState('open'),
    )
  }, [])
  if (state === 'checking') return null
  if (state === 'needs-sign-in') return <SignInForm onDone={() => setState('signed-in')} />
  return <>{children}</>
}

function SignInForm({ onDone }: { onDone: () => void }) {
  const i18n = useI18n()
  const { t } = i18n
  const health = useHealth().data
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    const r = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    })
    if (r.ok) onDone()
    else setError(r.status === 429 ? t('auth.tooMany') : t('auth.failed'))
  }
  return (
    <div className="signin">
      <form className="signin-card" onSubmit={submit}>
        <LangSwitch className="btn-small signin-lang" />
        <h1>{t('app.name')}</h1>
        <p className="muted">{areaSubtitle(i18n, health)}</p>
        <TextControl
          label={t('auth.username')}
          autoComplete="username"
          value={username}
          onValue={setUsername}
          name="username"
          required
        />
        <TextControl
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          name="password"
          required
        />
        {error && <div className="error-text">{error}</div>}
        <button type="submit" className="btn btn-primary">
          {t('auth.signIn')}
        </button>
      </form>
    </div>
  )
}
