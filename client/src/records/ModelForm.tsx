import { type FormEvent, useEffect, useState } from 'react'
import { request, type SessionUser } from '../api/client.ts'
import { useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { DateInput } from '../ui/DateInput.tsx'
import { Field } from '../ui/Dialog.tsx'
import { CommuneSelect, FormFooter, ModelSelect, PlaceInput, VillageSelect } from './controls.tsx'
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

interface ModelRecord {
  id: string
  name: string
  type_code: string
  commune_code: string
  village_code: string | null
  lead_org_code: string
  founded_on: string
  members: number | null
  equipment: string | null
  lon: number | null
  lat: number | null
}

const asValues = (m: ModelRecord): ModelValues => asFormValues(m, Object.keys(EMPTY) as (keyof ModelValues)[])

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
    request.get<{ model: ModelRecord }>(`/api/records/models/${encodeURIComponent(editId)}`).then((r) => {
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
  const submit = (e: FormEvent) => {
    e.preventDefault()
    f.run(async () => {
      if (before) {
        await request.patch(`/api/records/models/${encodeURIComponent(editId)}`, body(before))
        setBefore(v)
        setVersion((x) => x + 1)
        return t('records.saved')
      }
      const r = await request.post<{ model: { id: string } }>('/api/records/models', body())
      setVersion((x) => x + 1)
      return t('records.created', { id: r.model.id })
    })
  }
  const e = f.errors.fields
  return (
    <form className="adm-form adm-grid" onSubmit={submit} data-testid="model-form">
      <div className="adm-row adm-span">
        <Field name="list_commune" label={t('records.editExisting')}>
          <select value={listCommune} onChange={(x) => setListCommune(x.target.value)}>
            <option value="">{t('records.commune')}</option>
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
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
      <Field name="name" label={t('records.modelName')} error={e.name}>
        <input {...f.bind('name')} required />
      </Field>
      <Field name="type_code" label={t('records.modelType')} error={e.type_code}>
        <select {...f.bind('type_code')} required>
          <option value="">{t('records.choose')}</option>
          {tax?.model_types.map((x) => (
            <option key={x.code} value={x.code}>
              {name(x)}
            </option>
          ))}
        </select>
      </Field>
      <CommuneSelect bind={f.bind('commune_code')} communes={communes} error={e.commune_code} />
      <VillageSelect bind={f.bind('village_code')} commune={v.commune_code} error={e.village_code} />
      <Field name="lead_org_code" label={t('records.leadOrg')} error={e.lead_org_code}>
        <select {...f.bind('lead_org_code')} required>
          <option value="">{t('records.choose')}</option>
          {tax?.lead_orgs.map((x) => (
            <option key={x.code} value={x.code}>
              {name(x)}
            </option>
          ))}
        </select>
      </Field>
      <Field name="founded_on" label={t('records.foundedOn')} error={e.founded_on}>
        <DateInput
          name="founded_on"
          value={f.values.founded_on}
          onDate={(v) => f.set({ founded_on: v })}
          raw
          required
        />
      </Field>
      <Field name="members" label={t('records.members')} error={e.members}>
        <input type="number" min={0} {...f.bind('members')} />
      </Field>
      <Field name="equipment" label={t('records.equipment')} error={e.equipment}>
        <input {...f.bind('equipment')} />
      </Field>
      <div className="adm-span">
        <PlaceInput
          lon={f.bind('lon')}
          lat={f.bind('lat')}
          errors={e}
          onPick={(p) => f.set({ lon: String(p.lon), lat: String(p.lat) })}
          onHide={onHide}
        />
      </div>
      <div className="adm-span">
        <FormFooter
          busy={f.busy}
          saved={f.saved}
          general={f.errors.general}
          label={before ? t('admin.save') : t('records.create')}
        />
      </div>
    </form>
  )
}
