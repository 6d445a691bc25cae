import type { EvaluationAnswer } from '@antt/contract'
import { request, type SessionUser } from '../api/client.ts'
import { useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import { ChoiceSelect, codeOptions, DateField, RecordForm } from './controls.tsx'
import { opt, today } from './form-values.ts'
import { ModelChooser } from './ModelChooser.tsx'
import { useRecordForm } from './use-record-form.ts'

/** Records one evaluation (rating) of a model. */
export function EvaluationForm({ user }: { user: SessionUser }) {
  const { t, name } = useI18n()
  const ratings = useTaxonomies().data?.ratings ?? []
  const f = useRecordForm({ model_id: '', evaluated_on: today(), rating_code: '', evaluator: '', note: '' })
  const v = f.values
  const save = async () => {
    const r = await request.post<EvaluationAnswer>('/api/records/evaluations', {
      model_id: v.model_id,
      evaluated_on: v.evaluated_on,
      rating_code: v.rating_code,
      evaluator: opt(v.evaluator),
      note: opt(v.note),
    })
    return t('records.created', { id: r.evaluation.id })
  }
  const e = f.errors.fields
  return (
    <RecordForm form={f} onSave={save} testId="evaluation-form">
      <ModelChooser user={user} form={f} version={0} />
      <DateField {...f.date('evaluated_on', t('records.evaluatedOn'))} />
      <ChoiceSelect
        bind={f.bind('rating_code')}
        label={t('records.rating')}
        options={codeOptions(ratings, name)}
        error={e.rating_code}
      />
      <Field {...f.field('evaluator', t('records.evaluator'))}>
        <input {...f.bind('evaluator')} />
      </Field>
      <Field {...f.field('note', t('records.note'))}>
        <input {...f.bind('note')} />
      </Field>
    </RecordForm>
  )
}
