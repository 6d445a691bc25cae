import { useState } from 'react'
import { request, type SessionUser } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import { Options } from '../ui/Options.tsx'
import { DateField, RecordForm } from './controls.tsx'
import { opt, today } from './form-values.ts'
import { ModelChooser } from './ModelChooser.tsx'
import { useRecordForm } from './use-record-form.ts'

/** Changes a model's status from a date; dissolving asks for the reason. */
export function StatusForm({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const [version, setVersion] = useState(0)
  const f = useRecordForm({ model_id: '', status: 'weak', on: today(), reason: '' })
  const v = f.values
  const save = async () => {
    await request.post(`/api/records/models/${encodeURIComponent(v.model_id)}/status`, {
      status: v.status,
      on: v.on,
      reason: opt(v.reason),
    })
    setVersion((x) => x + 1)
    return t('records.saved')
  }
  return (
    <RecordForm form={f} onSave={save} testId="status-form">
      <ModelChooser user={user} form={f} version={version} />
      <Field {...f.field('status', t('records.newStatus'))}>
        <select {...f.bind('status')}>
          <Options of={['active', 'weak', 'dissolved'] as const} label={(s) => t(`records.status.${s}`)} />
        </select>
      </Field>
      <DateField {...f.date('on', t('records.statusFrom'))} />
      <div className="adm-span">
        <Field
          {...f.field('reason', v.status === 'dissolved' ? t('records.reasonRequired') : t('records.reason'))}
        >
          <textarea {...f.bind('reason')} rows={2} />
        </Field>
      </div>
    </RecordForm>
  )
}
