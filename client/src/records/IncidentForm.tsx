import type { IncidentAnswer } from '@antt/contract'
import { request, type SessionUser } from '../api/client.ts'
import { useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import { Options } from '../ui/Options.tsx'
import {
  ChoiceSelect,
  CommuneSelect,
  codeOptions,
  DateField,
  PlaceInput,
  RecordForm,
  VillageSelect,
} from './controls.tsx'
import { num, opt, today } from './form-values.ts'
import { useEditableCommunes } from './reference.ts'
import { useRecordForm } from './use-record-form.ts'

/** Records one incident at a point inside its commune. */
export function IncidentForm({ user, onHide }: { user: SessionUser; onHide: (h: boolean) => void }) {
  const { t, name } = useI18n()
  const categories = useTaxonomies().data?.incident_categories ?? []
  const communes = useEditableCommunes(user)
  const f = useRecordForm({
    category_code: '',
    occurred_on: today(),
    commune_code: user.scope?.[0] ?? '',
    village_code: '',
    severity: '1',
    precision: 'exact',
    lon: '',
    lat: '',
    summary: '',
  })
  const v = f.values
  const save = async () => {
    const r = await request.post<IncidentAnswer>('/api/records/incidents', {
      category_code: v.category_code,
      occurred_on: v.occurred_on,
      commune_code: v.commune_code,
      village_code: opt(v.village_code),
      severity: Number(v.severity),
      precision: v.precision,
      lon: num(v.lon),
      lat: num(v.lat),
      summary: opt(v.summary),
    })
    return t('records.created', { id: r.incident.id })
  }
  const e = f.errors.fields
  return (
    <RecordForm form={f} onSave={save} testId="incident-form">
      <ChoiceSelect
        bind={f.bind('category_code')}
        label={t('records.category')}
        options={codeOptions(categories, name)}
        error={e.category_code}
      />
      <DateField {...f.date('occurred_on', t('records.occurredOn'))} />
      <CommuneSelect bind={f.bind('commune_code')} communes={communes} error={e.commune_code} />
      <VillageSelect bind={f.bind('village_code')} commune={v.commune_code} error={e.village_code} />
      <Field {...f.field('severity', t('records.severity'))}>
        <select {...f.bind('severity')}>
          <Options of={['1', '2', '3']} label={(s) => s} />
        </select>
      </Field>
      <Field {...f.field('precision', t('records.precision'))}>
        <select {...f.bind('precision')}>
          <option value="exact">{t('records.precision.exact')}</option>
          <option value="approximate">{t('records.precision.approximate')}</option>
        </select>
      </Field>
      <PlaceInput form={f} onHide={onHide} />
      <div className="adm-span">
        <Field {...f.field('summary', t('records.summary'))}>
          <textarea {...f.bind('summary')} rows={2} />
        </Field>
      </div>
    </RecordForm>
  )
}
