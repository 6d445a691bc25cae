import { type FormEvent, type ReactNode, useState } from 'react'
import { createPortal } from 'react-dom'
import { type CommuneName, useTaxonomies } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { DateInput } from '../ui/DateInput.tsx'
import { Field } from '../ui/Dialog.tsx'
import type { FormErrors } from '../ui/field-errors.ts'
import { Options } from '../ui/Options.tsx'
import { pickPoint } from './map-pick.ts'
import { type ModelOption, useVillagesOf } from './reference.ts'

export type Bind = {
  name: string
  value: string
  onChange: (e: React.ChangeEvent<HTMLSelectElement | HTMLInputElement>) => void
}

/** A required choice among `options` (a taxonomy's entries, or any {value, label}), "choose…" first. */
export function ChoiceSelect(props: {
  bind: Bind
  label: string
  options: { value: string; label: string }[]
  error?: string
  /** an optional choice: the first entry says this (e.g. "none") instead of "choose…" */
  empty?: string
}) {
  const { t } = useI18n()
  return (
    <Field name={props.bind.name} label={props.label} error={props.error}>
      <select {...props.bind} required={props.empty === undefined}>
        <option value="">{props.empty ?? t('records.choose')}</option>
        <Options of={props.options} value={(o) => o.value} label={(o) => o.label} />
      </select>
    </Field>
  )
}

/** A taxonomy's entries as choices, in the language shown. */
export function codeOptions<T extends { code: string }>(
  items: readonly T[] | undefined,
  name: (x: T) => string,
) {
  return (items ?? []).map((x) => ({ value: x.code, label: name(x) }))
}

/** A required day (dd/mm/yyyy); `onDate` gets the ISO date, or the text as typed for the API to name. */
export function DateField(props: {
  name: string
  label: string
  value: string
  onDate: (v: string) => void
  error?: string
}) {
  return (
    <Field name={props.name} label={props.label} error={props.error}>
      <DateInput name={props.name} value={props.value} onDate={props.onDate} raw required />
    </Field>
  )
}

export function CommuneSelect(props: { bind: Bind; communes: CommuneName[]; error?: string }) {
  const { t } = useI18n()
  const options = props.communes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))
  return <ChoiceSelect bind={props.bind} label={t('records.commune')} options={options} error={props.error} />
}

export function VillageSelect(props: { bind: Bind; commune: string; error?: string }) {
  const { t } = useI18n()
  const villages = useVillagesOf(props.commune)
  return (
    <Field name={props.bind.name} label={t('records.village')} error={props.error}>
      <select {...props.bind}>
        <option value="">{t('records.noVillage')}</option>
        <Options of={villages} value={(v) => v.code} label={(v) => v.name} />
      </select>
    </Field>
  )
}

/** The organisation that leads a model or a session; `empty` makes the choice optional (e.g. "none"). */
export function LeadOrgSelect(props: { bind: Bind; error?: string; empty?: string }) {
  const { t, name } = useI18n()
  const orgs = useTaxonomies().data?.lead_orgs
  return (
    <ChoiceSelect
      bind={props.bind}
      label={t('records.leadOrg')}
      options={codeOptions(orgs, name)}
      error={props.error}
      empty={props.empty}
    />
  )
}

export function ModelSelect(props: { bind: Bind; models: ModelOption[]; error?: string }) {
  const { t } = useI18n()
  const options = props.models.map((m) => ({
    value: m.id,
    label: `${m.name} · ${t(`records.status.${m.status}` as 'records.status.active')}`,
  }))
  return <ChoiceSelect bind={props.bind} label={t('records.model')} options={options} error={props.error} />
}

/**
 * Longitude and latitude typed in, or taken from one click on the map (the dialog steps aside meanwhile).
 */
export function PlaceInput({
  form,
  onHide,
}: {
  form: {
    bind: (name: 'lon' | 'lat') => Bind
    set: (place: { lon: string; lat: string }) => void
    errors: FormErrors
  }
  onHide: (hidden: boolean) => void
}) {
  const lon = form.bind('lon')
  const lat = form.bind('lat')
  const errors = form.errors.fields
  const { t, fmt } = useI18n()
  const [picking, setPicking] = useState(false)
  const pick = async () => {
    setPicking(true)
    onHide(true)
    const p = await pickPoint()
    onHide(false)
    setPicking(false)
    if (p) form.set({ lon: String(p.lon), lat: String(p.lat) })
  }
  return (
    <fieldset className="adm-place adm-span">
      <legend>{t('records.place')}</legend>
      <Field name="lon" label={t('records.lon')} error={errors.lon}>
        <input {...lon} inputMode="decimal" placeholder="103.97" />
      </Field>
      <Field name="lat" label={t('records.lat')} error={errors.lat}>
        <input {...lat} inputMode="decimal" placeholder="22.48" />
      </Field>
      <button type="button" className="btn" onClick={pick} data-testid="pick-on-map">
        {t('records.pickOnMap')}
      </button>
      {picking &&
        createPortal(
          <div className="adm-pick-banner" role="status" data-testid="pick-banner">
            {t('records.pickHint')}
          </div>,
          document.body,
        )}
      {lon.value && lat.value && (
        <span className="muted adm-hint">
          {fmt.number(Number(lat.value), 5)}° N, {fmt.number(Number(lon.value), 5)}° E
        </span>
      )}
    </fieldset>
  )
}

/**
 * A record form: its fields on the form grid, saved by `onSave` (which resolves to the notice shown), with
 * the form's problems, notice and save button (`label`) at the foot.
 */
export function RecordForm({
  form,
  onSave,
  testId,
  label,
  children,
}: {
  form: FooterForm & { submit: (fn: () => Promise<string>) => (e: FormEvent) => void }
  onSave: () => Promise<string>
  testId: string
  label?: string
  children: ReactNode
}) {
  return (
    <form className="adm-form adm-grid" onSubmit={form.submit(onSave)} data-testid={testId}>
      {children}
      <FormFooter form={form} label={label} />
    </form>
  )
}

type FooterForm = { busy: boolean; saved: string | null; errors: FormErrors }

function FormFooter({ form, label }: { form: FooterForm; label?: string }) {
  const { t } = useI18n()
  return (
    <div className="adm-span">
      {form.errors.general && (
        <div className="error-text adm-general-error" role="alert">
          {form.errors.general}
        </div>
      )}
      {form.saved && (
        <div className="adm-saved" role="status" data-testid="saved">
          {form.saved}
        </div>
      )}
      <div className="adm-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          {label ?? t('admin.save')}
        </button>
      </div>
    </div>
  )
}
