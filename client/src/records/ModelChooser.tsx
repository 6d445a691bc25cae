import type { SessionUser } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import { ModelSelect } from './controls.tsx'
import { useEditableCommunes, useModelsOf } from './reference.ts'

/** A commune, then one of its models (the steward's commune is chosen for them). */
export function ModelChooser(props: {
  user: SessionUser
  commune: string
  onCommune: (c: string) => void
  model: string
  onModel: (id: string) => void
  error?: string
  version: number
}) {
  const { t } = useI18n()
  const communes = useEditableCommunes(props.user)
  const models = useModelsOf(props.commune, props.version)
  return (
    <>
      <Field name="commune" label={t('records.commune')}>
        <select value={props.commune} onChange={(e) => props.onCommune(e.target.value)}>
          <option value="">{t('records.choose')}</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <ModelSelect
        bind={{ name: 'model_id', value: props.model, onChange: (e) => props.onModel(e.target.value) }}
        models={models}
        error={props.error}
      />
    </>
  )
}
