import { type ChangeEvent, type FormEvent, useId, useState } from 'react'
import { useI18n } from '../state/use-i18n.ts'

export interface ViewFormValues {
  title: string
  subtitle: string
  notes: string
}

/** Title, subtitle and speaker notes of a view: for saving the screen and for editing a saved view. */
export function ViewForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: ViewFormValues
  submitLabel: string
  onSubmit: (v: ViewFormValues) => Promise<void> | void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const id = useId()
  const [v, setV] = useState(initial)
  /** The label of the control of one text of the view, and the props that tie the control to it. */
  const field = (key: keyof ViewFormValues) => ({
    label: (
      <label className="field" htmlFor={`${id}-${key}`}>
        <span className="field-label">{t(`brief.${key}`)}</span>
      </label>
    ),
    bind: {
      id: `${id}-${key}`,
      name: key,
      value: v[key],
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        setV({ ...v, [key]: e.target.value }),
    },
  })
  const title = field('title')
  const subtitle = field('subtitle')
  const notes = field('notes')
  const [busy, setBusy] = useState(false)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!v.title.trim()) return
    setBusy(true)
    try {
      await onSubmit({ ...v, title: v.title.trim() })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="brief-form" onSubmit={submit} data-testid="view-form">
      {title.label}
      <input
        {...title.bind}
        maxLength={200}
        required
        // biome-ignore lint/a11y/noAutofocus: the form opens on request, for typing the title
        autoFocus
      />
      {subtitle.label}
      <input {...subtitle.bind} maxLength={300} />
      {notes.label}
      <textarea {...notes.bind} rows={4} maxLength={5000} />
      <div className="brief-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || !v.title.trim()}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t('brief.cancel')}
        </button>
      </div>
    </form>
  )
}
