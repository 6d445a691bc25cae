import { useState } from 'react'
import type { SessionUser } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import type { FormErrors } from '../ui/field-errors.ts'
import { type Bind, ChoiceSelect, ModelSelect } from './controls.tsx'
import { useEditableCommunes, useModelsOf } from './reference.ts'

/** A commune, then one of its models (a steward starts in their own commune): the form's model_id. */
export function ModelChooser(props: {
  user: SessionUser
  form: { bind: (name: 'model_id') => Bind; errors: FormErrors }
  /** bumped after a change to the commune's models, to list them afresh */
  version: number
}) {
  const { t } = useI18n()
  const [commune, setCommune] = useState(props.user.scope?.[0] ?? '')
  const communes = useEditableCommunes(props.user)
  const models = useModelsOf(commune, props.version)
  return (
    <>
      <ChoiceSelect
        bind={{ name: 'commune', value: commune, onChange: (e) => setCommune(e.target.value) }}
        label={t('records.commune')}
        options={communes.map((c) => ({ value: c.code, label: c.name }))}
        empty={t('records.choose')}
      />
      <ModelSelect
        bind={props.form.bind('model_id')}
        models={models}
        error={props.form.errors.fields.model_id}
      />
    </>
  )
}
