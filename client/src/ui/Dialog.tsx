import { type ReactNode, useEffect } from 'react'
import { createPortal } from 'react-dom'
import { useI18n } from '../state/use-i18n.ts'

/** A modal screen over the map; `hidden` keeps its state while the map is used (placing a point). */
export function Dialog(props: {
  title: string
  onClose: () => void
  children: ReactNode
  hidden?: boolean
  wide?: boolean
  testId?: string
}) {
  const { t } = useI18n()
  const { onClose, hidden } = props
  useEffect(() => {
    if (hidden) return
    const key = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', key)
    return () => window.removeEventListener('keydown', key)
  }, [onClose, hidden])
  // on document.body: the menu that opens it sits in the header, whose colours must not leak in
  return createPortal(
    <div className="adm-backdrop" hidden={hidden}>
      <section
        className={`adm-dialog${props.wide ? ' adm-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
      >
        <div className="adm-dialog-head">
          <h2>{props.title}</h2>
          <button type="button" className="btn" onClick={onClose} aria-label={t('admin.close')}>
            ✕
          </button>
        </div>
        <div className="adm-dialog-body">{props.children}</div>
      </section>
    </div>,
    document.body,
  )
}

/** A labelled form control with the API's problem for it underneath. */
export function Field(props: { label: string; error?: string; children: ReactNode; name: string }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as children
    <label className={`field adm-field${props.error ? ' adm-invalid' : ''}`} data-field={props.name}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.error && (
        <span className="error-text adm-field-error" role="alert" data-error-for={props.name}>
          {props.error}
        </span>
      )}
    </label>
  )
}

/** A password box in a Field; `autoComplete` tells the browser's password manager which password it is. */
export function PasswordField(props: {
  name: string
  label: string
  error?: string
  value: string
  onValue: (v: string) => void
  autoComplete: 'current-password' | 'new-password'
  required?: boolean
}) {
  return (
    <Field name={props.name} label={props.label} error={props.error}>
      <input
        type="password"
        name={props.name}
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onValue(e.target.value)}
        required={props.required ?? true}
      />
    </Field>
  )
}

export function GeneralError({ text }: { text: string | null }) {
  return text ? (
    <div className="error-text adm-general-error" role="alert">
      {text}
    </div>
  ) : null
}
