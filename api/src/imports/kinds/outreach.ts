import {
  communeColumn,
  fieldColumn,
  leadOrg,
  leadOrgColumn,
  leadOrgLookup,
  placeFields,
  recordKey,
  unknownLeadOrg,
  villageColumn,
} from './common.ts'
import type { KindDef } from './types.ts'

export const outreach: KindDef = {
  kind: 'outreach',
  table: 'outreach_session',
  idColumn: 'id',
  label: { vi: 'Buổi tuyên truyền, vận động', en: 'Outreach sessions' },
  idPrefix: 'O',
  commune: 'row',
  village: true,
  place: 'none',
  fields: [
    recordKey(),
    {
      key: 'held_on',
      vi: 'Ngày tổ chức',
      aliases: ['ngay', 'ngay tuyen truyen', 'thoi gian', 'held on', 'date'],
      type: { t: 'date', min: '1990-01-01' },
      required: true,
      sample: '12/04/2025',
    },
    {
      key: 'topic',
      vi: 'Chủ đề',
      aliases: ['noi dung', 'noi dung tuyen truyen', 'chu de tuyen truyen', 'topic'],
      type: { t: 'text', max: 500 },
      required: true,
      sample: 'Phòng, chống ma túy',
    },
    ...placeFields,
    leadOrg(false),
    {
      key: 'attendees',
      vi: 'Số người tham dự',
      aliases: ['so nguoi', 'luot nguoi', 'so luot nguoi', 'nguoi tham du', 'participants', 'attendees'],
      type: { t: 'int', min: 0, max: 1_000_000, thousands: true },
      required: true,
      sample: 85,
    },
  ],
  lookups: leadOrgLookup,
  columns: [
    fieldColumn('held_on', 'date', { required: true }),
    fieldColumn('topic', 'text', { required: true }),
    communeColumn,
    villageColumn,
    leadOrgColumn(),
    fieldColumn('attendees', 'integer', { required: true }),
  ],
  naturalKey: {
    fields: ['held_on', 'topic'],
    match: `e.commune_code = k.r_commune_code and e.held_on = k.r_held_on and import_fold(e.topic) = k.folded->>'topic'
            and e.village_code is not distinct from k.r_village_code`,
    text: `concat_ws('|', k.r_commune_code, k.r_held_on, k.folded->>'topic', k.r_village_code)`,
    label: 'date, topic, commune and village',
  },
  checks: [unknownLeadOrg],
  taxa: { lead_org_code: 'lead_orgs' },
  exportNeeds: 'read_records',
  exportSql: `select o.id, to_char(o.held_on, 'YYYY-MM-DD') as held_on, o.topic, o.commune_code, c.full_name as commune_name,
      o.village_code, v.name as village_name, o.lead_org_code, o.attendees
    from outreach_session o join commune c on c.code = o.commune_code left join village v on v.code = o.village_code
    where o.id > $1 and ($3::text[] is null or o.commune_code = any ($3)) order by o.id limit $2`,
  reads: ['outreach_session', 'commune', 'village', 'lead_org'],
}
