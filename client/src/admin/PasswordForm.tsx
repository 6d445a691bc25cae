import { type FormEvent, useState } from 'react'
import { ApiError, request } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field, GeneralError } from '../ui/Dialog.tsx'
import { type FormErrors, formErrors, NO_ERRORS } from '../ui/field-errors.ts'

/** Changes the caller's password; the API then ends every session, so the user signs in again. */
export function PasswordForm() {
  const { t } = useI18n()
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
      if (err instanceof ApiError) setErrors(formErrors(err, ['current_password', 'new_password']))
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
      <Field
        name="current_password"
        label={t('admin.password.current')}
        error={errors.fields.current_password}
      >
        <input
          type="password"
          name="current_password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          required
        />
      </Field>
      <Field name="new_password" label={t('admin.password.new')} error={errors.fields.new_password}>
        <input
          type="password"
          name="new_password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </Field>
      <Field name="repeat" label={t('admin.password.repeat')} error={errors.fields.repeat}>
        <input
          type="password"
          name="repeat"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
      </Field>
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
