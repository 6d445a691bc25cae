import {
  communeColumn,
  defineKind,
  exportPage,
  headcount,
  leadOrg,
  leadOrgTaxon,
  placeFields,
  recordDate,
  recordKey,
  unknownTaxon,
  villageColumn,
} from './common.ts'

/** Buổi tuyên truyền, vận động: outreach sessions. */
export const outreach = defineKind('outreach', {
  table: 'outreach_session',
  idPrefix: 'O',
  village: true,
  fields: [
    recordKey(),
    recordDate({
      key: 'held_on',
      vi: 'Ngày tổ chức',
      aliases: ['ngay', 'ngay tuyen truyen', 'thoi gian', 'held on'],
      min: '1990-01-01',
      sample: '12/04/2025',
    }),
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
      type: headcount,
      required: true,
      sample: 85,
    },
  ],
  taxonFields: [leadOrgTaxon],
  columns: ['held_on', 'topic', communeColumn, villageColumn, 'lead_org_code', 'attendees'],
  naturalKey: {
    fields: ['held_on', 'topic'],
    match: `e.commune_code = k.r_commune_code and e.held_on = k.r_held_on and import_fold(e.topic) = k.folded->>'topic'
            and e.village_code is not distinct from k.r_village_code`,
    text: `concat_ws('|', k.r_commune_code, k.r_held_on, k.folded->>'topic', k.r_village_code)`,
    label: 'date, topic, commune and village',
  },
  checks: [unknownTaxon(leadOrgTaxon)],
  exportNeeds: 'read_records',
  exportSql: exportPage(
    `select o.id, to_char(o.held_on, 'YYYY-MM-DD') as held_on, o.topic, o.commune_code, c.full_name as commune_name,
      o.village_code, v.name as village_name, o.lead_org_code, o.attendees
    from outreach_session o join commune c on c.code = o.commune_code left join village v on v.code = o.village_code`,
    { key: 'o.id', commune: 'o.commune_code' },
  ),
  reads: ['outreach_session', 'commune', 'village', 'lead_org'],
})
