import { type FormEvent, useState } from 'react'
import { ApiError, request } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { GeneralError, PasswordField } from '../ui/Dialog.tsx'
import { type FormErrors, formErrors, NO_ERRORS } from '../ui/field-errors.ts'

/** Changes the caller's password; the API then ends every session, so the user signs in again. */
export function PasswordForm() {
  const { t, lang } = useI18n()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS)
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (next !== repeat) {
      setErrors({ fields: { repeat: t('admin.password.mismatch') }, general: null })
      return
    }
    setBusy(true)
    setErrors(NO_ERRORS)
    try {
      await request.post('/api/auth/password', { current_password: current, new_password: next })
      setDone(true)
    } catch (err) {
      if (err instanceof ApiError) setErrors(formErrors(err, ['current_password', 'new_password'], lang))
      else setErrors({ fields: {}, general: String(err) })
    } finally {
      setBusy(false)
    }
  }

  if (done)
    return (
      <div className="adm-done" data-testid="password-changed">
        <p>{t('admin.password.done')}</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t('admin.password.signInAgain')}
        </button>
      </div>
    )
  return (
    <form className="adm-form" onSubmit={submit} data-testid="password-form">
      {(
        [
          ['current_password', 'admin.password.current', current, setCurrent, 'current-password'],
          ['new_password', 'admin.password.new', next, setNext, 'new-password'],
          ['repeat', 'admin.password.repeat', repeat, setRepeat, 'new-password'],
        ] as const
      ).map(([name, label, value, onValue, autoComplete]) => (
        <PasswordField
          key={name}
          name={name}
          label={t(label)}
          error={errors.fields[name]}
          autoComplete={autoComplete}
          value={value}
          onValue={onValue}
        />
      ))}
      <p className="muted adm-hint">{t('admin.password.hint')}</p>
      <GeneralError text={errors.general} />
      <div className="adm-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('admin.password.submit')}
        </button>
      </div>
    </form>
  )
}
