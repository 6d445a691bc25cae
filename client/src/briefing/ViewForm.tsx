import { type FormEvent, useId, useState } from 'react'
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
      <label className="field" htmlFor={`${id}-title`}>
        <span className="field-label">{t('brief.title')}</span>
      </label>
      <input
        id={`${id}-title`}
        name="title"
        value={v.title}
        maxLength={200}
        required
        // biome-ignore lint/a11y/noAutofocus: the form opens on request, for typing the title
        autoFocus
        onChange={(e) => setV({ ...v, title: e.target.value })}
      />
      <label className="field" htmlFor={`${id}-subtitle`}>
        <span className="field-label">{t('brief.subtitle')}</span>
      </label>
      <input
        id={`${id}-subtitle`}
        name="subtitle"
        value={v.subtitle}
        maxLength={300}
        onChange={(e) => setV({ ...v, subtitle: e.target.value })}
      />
      <label className="field" htmlFor={`${id}-notes`}>
        <span className="field-label">{t('brief.notes')}</span>
      </label>
      <textarea
        id={`${id}-notes`}
        name="notes"
        rows={4}
        maxLength={5000}
        value={v.notes}
        onChange={(e) => setV({ ...v, notes: e.target.value })}
      />
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
