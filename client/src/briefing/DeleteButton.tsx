import { useState } from 'react'
import { useI18n } from '../state/use-i18n.ts'

/** A delete button that asks once more: the first click offers "confirm" and "cancel", the second deletes. */
export function DeleteButton({ label, onDelete }: { label: string; onDelete: () => unknown }) {
  const { t } = useI18n()
  const [confirming, setConfirming] = useState(false)
  if (!confirming)
    return (
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setConfirming(true)}
        data-action="delete"
      >
        {label}
      </button>
    )
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => void onDelete()}
        data-action="confirm-delete"
      >
        {t('brief.confirmDelete')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
        {t('brief.cancel')}
      </button>
    </>
  )
}
