import type { ModelAnswer, ModelDetail, SecurityModelRecord } from '@antt/contract'
import { useEffect, useState } from 'react'
import { request, type SessionUser } from '../api/client.ts'
import { useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import {
  ChoiceSelect,
  CommuneSelect,
  codeOptions,
  DateField,
  LeadOrgSelect,
  ModelSelect,
  PlaceInput,
  RecordForm,
  VillageSelect,
} from './controls.tsx'
import { asFormValues, changedFields, num, opt, today } from './form-values.ts'
import { useEditableCommunes, useModelsOf } from './reference.ts'
import { useRecordForm } from './use-record-form.ts'

const EMPTY = {
  name: '',
  type_code: '',
  commune_code: '',
  village_code: '',
  lead_org_code: '',
  founded_on: '',
  members: '',
  equipment: '',
  lon: '',
  lat: '',
}
type ModelValues = typeof EMPTY

const asValues = (m: SecurityModelRecord): ModelValues =>
  asFormValues(m, Object.keys(EMPTY) as (keyof ModelValues)[])

/** Creates a security model, or edits one chosen from its commune; the place is typed or clicked on the map. */
export function ModelForm({ user, onHide }: { user: SessionUser; onHide: (h: boolean) => void }) {
  const { t, name } = useI18n()
  const tax = useTaxonomies().data
  const communes = useEditableCommunes(user)
  const [editId, setEditId] = useState('')
  const [listCommune, setListCommune] = useState(user.scope?.[0] ?? '')
  const [version, setVersion] = useState(0)
  const models = useModelsOf(listCommune, version)
  const f = useRecordForm<ModelValues>({ ...EMPTY, commune_code: user.scope?.[0] ?? '', founded_on: today() })
  const [before, setBefore] = useState<ModelValues | null>(null)
  const { setValues } = f

  useEffect(() => {
    if (!editId) {
      setBefore(null)
      return
    }
    request.get<ModelDetail>(`/api/records/models/${encodeURIComponent(editId)}`).then((r) => {
      setValues(asValues(r.model))
      setBefore(asValues(r.model))
    })
  }, [editId, setValues])

  const v = f.values
  const body = (only?: ModelValues) => {
    const all: Record<keyof ModelValues, unknown> = {
      name: v.name.trim(),
      type_code: v.type_code,
      commune_code: v.commune_code,
      village_code: opt(v.village_code) ?? null,
      lead_org_code: v.lead_org_code,
      founded_on: v.founded_on,
      members: num(v.members),
      equipment: opt(v.equipment) ?? null,
      lon: num(v.lon) ?? null,
      lat: num(v.lat) ?? null,
    }
    // an edit sends what changed
    return only ? changedFields(all, v, only, [['lon', 'lat']]) : all
  }
  const save = async () => {
    if (before) {
      await request.patch(`/api/records/models/${encodeURIComponent(editId)}`, body(before))
      setBefore(v)
      setVersion((x) => x + 1)
      return t('records.saved')
    }
    const r = await request.post<ModelAnswer>('/api/records/models', body())
    setVersion((x) => x + 1)
    return t('records.created', { id: r.model.id })
  }
  const e = f.errors.fields
  return (
    <RecordForm
      form={f}
      onSave={save}
      testId="model-form"
      label={before ? t('admin.save') : t('records.create')}
    >
      <div className="adm-row adm-span">
        <ChoiceSelect
          bind={{ name: 'list_commune', value: listCommune, onChange: (x) => setListCommune(x.target.value) }}
          label={t('records.editExisting')}
          options={communes.map((c) => ({ value: c.code, label: c.name }))}
          empty={t('records.commune')}
        />
        <ModelSelect
          bind={{ name: 'edit_model', value: editId, onChange: (x) => setEditId(x.target.value) }}
          models={models}
        />
        {editId && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setEditId('')
              setValues({ ...EMPTY, commune_code: listCommune, founded_on: today() })
            }}
          >
            {t('records.newInstead')}
          </button>
        )}
      </div>
      <Field {...f.field('name', t('records.modelName'))}>
        <input {...f.bind('name')} required />
      </Field>
      <ChoiceSelect
        bind={f.bind('type_code')}
        label={t('records.modelType')}
        options={codeOptions(tax?.model_types, name)}
        error={e.type_code}
      />
      <CommuneSelect bind={f.bind('commune_code')} communes={communes} error={e.commune_code} />
      <VillageSelect bind={f.bind('village_code')} commune={v.commune_code} error={e.village_code} />
      <LeadOrgSelect bind={f.bind('lead_org_code')} error={e.lead_org_code} />
      <DateField {...f.date('founded_on', t('records.foundedOn'))} />
      <Field {...f.field('members', t('records.members'))}>
        <input type="number" min={0} {...f.bind('members')} />
      </Field>
      <Field {...f.field('equipment', t('records.equipment'))}>
        <input {...f.bind('equipment')} />
      </Field>
      <PlaceInput form={f} onHide={onHide} />
    </RecordForm>
  )
}
