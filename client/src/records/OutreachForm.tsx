import type { OutreachAnswer } from '@antt/contract'
import { request, type SessionUser } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import { CommuneSelect, DateField, LeadOrgSelect, RecordForm, VillageSelect } from './controls.tsx'
import { num, opt, today } from './form-values.ts'
import { useEditableCommunes } from './reference.ts'
import { useRecordForm } from './use-record-form.ts'

/** Records one outreach session (tuyên truyền) in a commune or village. */
export function OutreachForm({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const communes = useEditableCommunes(user)
  const f = useRecordForm({
    commune_code: user.scope?.[0] ?? '',
    village_code: '',
    held_on: today(),
    topic: '',
    lead_org_code: '',
    attendees: '',
  })
  const v = f.values
  const save = async () => {
    const r = await request.post<OutreachAnswer>('/api/records/outreach', {
      commune_code: v.commune_code,
      village_code: opt(v.village_code),
      held_on: v.held_on,
      topic: v.topic.trim(),
      lead_org_code: opt(v.lead_org_code),
      attendees: num(v.attendees) ?? 0,
    })
    return t('records.created', { id: r.outreach.id })
  }
  const e = f.errors.fields
  return (
    <RecordForm form={f} onSave={save} testId="outreach-form">
      <CommuneSelect bind={f.bind('commune_code')} communes={communes} error={e.commune_code} />
      <VillageSelect bind={f.bind('village_code')} commune={v.commune_code} error={e.village_code} />
      <DateField {...f.date('held_on', t('records.heldOn'))} />
      <Field {...f.field('attendees', t('records.attendees'))}>
        <input type="number" min={0} {...f.bind('attendees')} required />
      </Field>
      <Field {...f.field('topic', t('records.topic'))}>
        <input {...f.bind('topic')} required />
      </Field>
      <LeadOrgSelect bind={f.bind('lead_org_code')} error={e.lead_org_code} empty={t('records.none')} />
    </RecordForm>
  )
}
