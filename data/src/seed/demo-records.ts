import { createRng, type Rng } from '@antt/analysis'

/** What the generator needs to know about each village (read from the database after boundaries and villages). */
export interface VillageContext {
  code: string
  commune_code: string
  kind: 'thon' | 'ban' | 'to_dan_pho'
  population: number
  lon: number
  lat: number
  border_distance_m: number
  gate_distance_m: number
  commune_classes: string[]
  under_covered: boolean
}

export const DEMO_PERIOD = { from: '2022-01-01', to: '2026-06-30' } as const

export interface DemoRecords {
  models: {
    id: string
    name: string
    type_code: string
    commune_code: string
    village_code: string | null
    lead_org_code: string
    founded_on: string
    members: number
    equipment: string | null
    exemplary: boolean
    replicated_from: string | null
    status: 'active' | 'weak' | 'dissolved'
    dissolved_on: string | null
    dissolved_reason: string | null
    lon: number
    lat: number
  }[]
  statuses: {
    model_id: string
    status: string
    valid_from: string
    valid_to: string | null
    reason: string | null
  }[]
  evaluations: {
    id: string
    model_id: string
    evaluated_on: string
    rating_code: string
    evaluator: string
  }[]
  incidents: DemoIncidents
  outreach: {
    id: string
    commune_code: string
    village_code: string | null
    held_on: string
    topic: string
    lead_org_code: string
    attendees: number
  }[]
  certifications: {
    id: string
    subject_kind: 'village' | 'commune' | 'school' | 'enterprise'
    subject_name: string
    commune_code: string
    village_code: string | null
    year: number
    certified: boolean
  }[]
  funding: {
    id: string
    commune_code: string
    model_id: string | null
    year: number
    amount_vnd: number
    source: string
    purpose: string
  }[]
  prestige: { village_code: string; year: number; people: number }[]
}

/** One demo incident as it is inserted. */
export interface DemoIncident {
  id: string
  category_code: string
  occurred_on: string
  commune_code: string
  village_code: string
  severity: number
  precision: 'exact' | 'approximate'
  lon: number
  lat: number
}

/**
 * The demo incidents held column by column: about 30 bytes an incident where an object took several hundred,
 * so the columns of ten million take about 300 MB (DEMO_INCIDENTS). Read back as rows, in order of date and then of
 * drawing, a chunk at a time: only the chunk being written is ever held as objects.
 */
export class DemoIncidents {
  private readonly village: Int32Array
  private readonly day: Uint16Array
  private readonly category: Uint8Array
  private readonly severity: Uint8Array
  private readonly exact: Uint8Array
  private readonly lon: Float64Array
  private readonly lat: Float64Array
  private readonly codes: string[] = []
  private readonly codeIndex = new Map<string, number>()

  constructor(
    readonly length: number,
    private readonly villages: readonly VillageContext[],
  ) {
    this.village = new Int32Array(length)
    this.day = new Uint16Array(length)
    this.category = new Uint8Array(length)
    this.severity = new Uint8Array(length)
    this.exact = new Uint8Array(length)
    this.lon = new Float64Array(length)
    this.lat = new Float64Array(length)
  }

  /** The i-th incident drawn: its village (an index into `villages`), day since DEMO_PERIOD.from, and so on. */
  set(
    i: number,
    r: {
      village: number
      day: number
      category: string
      severity: number
      exact: boolean
      lon: number
      lat: number
    },
  ) {
    let c = this.codeIndex.get(r.category)
    if (c === undefined) {
      c = this.codes.push(r.category) - 1
      this.codeIndex.set(r.category, c)
    }
    this.village[i] = r.village
    this.day[i] = r.day
    this.category[i] = c
    this.severity[i] = r.severity
    this.exact[i] = r.exact ? 1 : 0
    this.lon[i] = r.lon
    this.lat[i] = r.lat
  }

  /** The incidents in order of date, then of drawing, `size` at a time. */
  *chunks(size = 50_000): Generator<DemoIncident[]> {
    // a counting sort by day, stable in the order drawn
    const start = new Uint32Array((END - START) / DAY + 2)
    for (const d of this.day) start[d + 1]++
    for (let d = 1; d < start.length; d++) start[d] += start[d - 1]
    const order = new Uint32Array(this.length)
    for (let i = 0; i < this.length; i++) order[start[this.day[i]]++] = i
    const dates = Array.from({ length: start.length }, (_, d) => toDate(START + d * DAY))
    for (let from = 0; from < this.length; from += size) {
      const chunk: DemoIncident[] = []
      for (let k = from; k < Math.min(from + size, this.length); k++) {
        const i = order[k]
        const v = this.villages[this.village[i]]
        chunk.push({
          id: `I${String(i + 1).padStart(7, '0')}`,
          category_code: this.codes[this.category[i]],
          occurred_on: dates[this.day[i]],
          commune_code: v.commune_code,
          village_code: v.code,
          severity: this.severity[i],
          precision: this.exact[i] ? 'exact' : 'approximate',
          lon: this.lon[i],
          lat: this.lat[i],
        })
      }
      yield chunk
    }
  }
}

const DAY = 86_400_000
const toDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`)
const END = ms(DEMO_PERIOD.to)
const START = ms(DEMO_PERIOD.from)

function between(rng: Rng, from: string | number, to: string | number): number {
  const a = typeof from === 'string' ? ms(from) : from
  const b = typeof to === 'string' ? ms(to) : to
  return Math.floor((a + rng.next() * (b - a)) / DAY) * DAY
}
const pick = <T>(rng: Rng, xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]
function weighted<T extends string>(rng: Rng, table: Record<T, number>): T {
  const entries = Object.entries(table) as [T, number][]
  let r = rng.next() * entries.reduce((s, [, w]) => s + w, 0)
  for (const [k, w] of entries) {
    r -= w
    if (r < 0) return k
  }
  return entries[entries.length - 1][0]
}
/** Jitter a point by up to `m` metres. */
function jitter(rng: Rng, lon: number, lat: number, m: number): [number, number] {
  const r = m * Math.sqrt(rng.next())
  const a = rng.next() * 2 * Math.PI
  const round = (v: number) => Math.round(v * 1e6) / 1e6
  return [
    round(lon + (r * Math.cos(a)) / (111_320 * Math.cos((lat * Math.PI) / 180))),
    round(lat + (r * Math.sin(a)) / 110_574),
  ]
}

interface ModelRule {
  type: string
  /** chance that a village (or commune, for commune-wide types) has one */
  chance: (v: VillageContext) => number
  founded: [string, string]
  lead: Record<string, number>
  members: [number, number]
  perCommune?: boolean
  /** set up by the local police even where the village has no organised movement */
  withoutMovement?: boolean
  jitterM: number
}

/**
 * Villages where the movement is organised at all: a share drawn per commune, so village coverage
 * differs between communes as it does on the ground instead of every commune reaching 100 %. Under-covered
 * communes organise 30–65 % of their villages, wards and towns nearly all, other communes 60–100 %.
 * A random stream of its own, so the draw does not depend on the model rules.
 */
function organisedVillages(villages: readonly VillageContext[], seed: number): Set<string> {
  const rng = createRng(seed ^ 0x0a9a)
  const share = new Map<string, number>()
  const out = new Set<string>()
  for (const v of villages) {
    let p = share.get(v.commune_code)
    if (p === undefined) {
      const u = rng.next()
      const town = villages.filter((w) => w.commune_code === v.commune_code && w.kind === 'to_dan_pho')
      p = v.under_covered ? 0.3 + 0.35 * u : town.length > 2 ? 0.94 + 0.06 * u : 1 - 0.4 * u
      share.set(v.commune_code, p)
    }
    if (rng.next() < p) out.add(v.code)
  }
  return out
}

const rural = (v: VillageContext) => v.kind !== 'to_dan_pho'
const RULES: ModelRule[] = [
  // By law (Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở, 2023) one team per village from 1 July 2024.
  {
    type: 'to_bao_ve_antt',
    chance: (v) => (v.under_covered ? 0.35 : 0.93),
    founded: ['2024-07-01', '2024-12-31'],
    lead: { police: 1 },
    members: [3, 5],
    jitterM: 150,
  },
  {
    type: 'to_an_ninh_tu_quan',
    chance: (v) => (v.under_covered ? 0.15 : 0.5),
    founded: ['2010-01-01', '2023-12-31'],
    lead: { police: 3, fatherland_front: 2, veterans: 1 },
    members: [5, 15],
    jitterM: 200,
  },
  {
    type: 'dong_ho_tu_quan',
    chance: (v) => (rural(v) ? (v.under_covered ? 0.08 : 0.3) : 0),
    founded: ['2012-01-01', '2025-06-30'],
    lead: { fatherland_front: 3, farmers_union: 1 },
    members: [10, 60],
    jitterM: 200,
  },
  {
    type: 'tu_quan_duong_bien',
    chance: (v) =>
      v.commune_classes.includes('border') && v.border_distance_m < 6000
        ? v.under_covered
          ? 0.25
          : 0.85
        : 0,
    founded: ['2010-01-01', '2024-06-30'],
    lead: { border_guard: 4, police: 1 },
    members: [6, 20],
    jitterM: 200,
  },
  {
    type: 'camera_an_ninh',
    chance: (v) =>
      v.kind === 'to_dan_pho' ? 0.65 : v.gate_distance_m < 8000 ? 0.3 : v.under_covered ? 0.01 : 0.06,
    founded: ['2018-01-01', '2026-03-31'],
    lead: { police: 3, youth_union: 1 },
    members: [0, 2],
    withoutMovement: true,
    jitterM: 350,
  },
  {
    type: 'to_hoa_giai',
    chance: (v) => (v.under_covered ? 0.3 : 0.7),
    founded: ['2008-01-01', '2023-12-31'],
    lead: { fatherland_front: 3, womens_union: 2 },
    members: [3, 7],
    jitterM: 150,
  },
  {
    type: 'tieng_keng_an_ninh',
    chance: (v) => (rural(v) ? (v.under_covered ? 0.05 : 0.25) : 0),
    founded: ['2014-01-01', '2025-06-30'],
    lead: { police: 1, veterans: 1 },
    members: [20, 80],
    jitterM: 150,
  },
  {
    type: 'to_tuan_tra',
    chance: (v) => (v.under_covered ? 0.06 : 0.22),
    founded: ['2015-01-01', '2025-06-30'],
    lead: { youth_union: 2, veterans: 2, military: 1 },
    members: [5, 12],
    jitterM: 200,
  },
  {
    type: 'giao_xu_binh_yen',
    chance: (v) => (v.commune_classes.includes('religious') ? 0.45 : 0),
    founded: ['2015-01-01', '2025-06-30'],
    lead: { fatherland_front: 1, police: 1 },
    members: [10, 40],
    jitterM: 150,
  },
  {
    type: 'clb_phong_chong_ma_tuy',
    perCommune: true,
    // commune-wide: one covers every village of its commune (village_type_coverage), so they stay few
    chance: (v) => (v.under_covered ? 0 : 0.08),
    founded: ['2012-01-01', '2025-06-30'],
    lead: { youth_union: 2, police: 1, womens_union: 1 },
    members: [15, 40],
    jitterM: 300,
  },
  {
    type: 'truong_hoc_an_toan',
    perCommune: true,
    chance: (v) => (v.under_covered ? 0 : 0.06),
    founded: ['2016-01-01', '2025-06-30'],
    lead: { youth_union: 1, police: 1 },
    members: [5, 20],
    jitterM: 300,
  },
]

const TYPE_NAMES: Record<string, string> = {
  to_bao_ve_antt: 'Tổ bảo vệ ANTT',
  to_an_ninh_tu_quan: 'Tổ an ninh tự quản',
  dong_ho_tu_quan: 'Dòng họ tự quản',
  tu_quan_duong_bien: 'Tự quản đường biên, mốc quốc giới',
  camera_an_ninh: 'Camera an ninh',
  to_hoa_giai: 'Tổ hòa giải',
  tieng_keng_an_ninh: 'Tiếng kẻng an ninh',
  to_tuan_tra: 'Tổ tuần tra nhân dân',
  giao_xu_binh_yen: 'Giáo xứ bình yên',
  clb_phong_chong_ma_tuy: 'CLB phòng, chống ma túy',
  truong_hoc_an_toan: 'Trường học an toàn',
}

const DISSOLVE_REASONS = [
  'Hoạt động hình thức, không hiệu quả',
  'Thành viên chuyển đi, không kiện toàn được',
  'Sáp nhập thôn, bản',
  'Thay thế bằng tổ bảo vệ ANTT ở cơ sở',
]
const OUTREACH_TOPICS = [
  'Phòng, chống ma túy',
  'Phòng, chống mua bán người',
  'Quản lý xuất nhập cảnh, bảo vệ biên giới',
  'Phòng, chống lừa đảo qua mạng',
  'Tuyên truyền pháp luật về tôn giáo',
  'Phòng, chống tội phạm trộm cắp',
  'Xây dựng phong trào Toàn dân bảo vệ ANTT',
]

/** Category mix by setting: the border pulls crossings, smuggling and trafficking; towns pull theft and fraud. */
function categoryMix(v: VillageContext): Record<string, number> {
  const nearBorder = v.border_distance_m < 5000
  const town = v.kind === 'to_dan_pho'
  return {
    political_subversion: 0.4,
    illegal_religion: v.commune_classes.includes('religious') ? 3 : 0.6,
    mass_complaint: town ? 1.2 : 0.6,
    drugs: nearBorder ? 6 : 4,
    theft: town ? 12 : 5,
    trafficking: nearBorder ? 3 : 0.8,
    illegal_crossing: nearBorder ? 7 : v.gate_distance_m < 10_000 ? 2 : 0.2,
    smuggling: nearBorder ? 5 : v.gate_distance_m < 10_000 ? 3 : 0.3,
    assault: town ? 4 : 3,
    dispute: town ? 3 : 7,
    social_evils: town ? 4 : 2,
    online_fraud: town ? 6 : 1.5,
  }
}

/** Month weights, January first: peaks before and after Tết (Jan–Feb) and in the summer tourist season. */
const SEASON = [1.45, 1.35, 1.0, 0.9, 0.95, 1.05, 1.15, 1.1, 0.9, 0.85, 0.95, 1.25]

/** Incidents per 1,000 residents per year before location factors. */
const BASE_RATE = 3.2

function incidentWeight(v: VillageContext): number {
  let w = v.population
  if (v.kind === 'to_dan_pho') w *= 1.8
  if (v.border_distance_m < 3000) w *= 1.7
  else if (v.border_distance_m < 10_000) w *= 1.25
  if (v.gate_distance_m < 8000) w *= 1.8
  if (v.under_covered) w *= 1.35
  return w
}

/** `n` incidents: villages drawn in proportion to their weight, dates by season. */
function drawIncidents(rng: Rng, sorted: readonly VillageContext[], n: number): DemoIncidents {
  const weights = sorted.map(incidentWeight)
  const cum: number[] = []
  weights.reduce((s, w, i) => (cum[i] = s + w), 0)
  const months: number[] = []
  for (let d = new Date(START); d.getTime() <= END; d.setUTCMonth(d.getUTCMonth() + 1))
    months.push(d.getTime())
  const monthCum: number[] = []
  months.reduce((s, m, i) => (monthCum[i] = s + SEASON[new Date(m).getUTCMonth()] * (1 + (0.06 * i) / 12)), 0)
  const draw = (c: number[]) => {
    const r = rng.next() * c[c.length - 1]
    let lo = 0
    let hi = c.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (c[mid] > r) hi = mid
      else lo = mid + 1
    }
    return lo
  }
  const out = new DemoIncidents(n, sorted)
  const mixes = sorted.map(categoryMix)
  for (let i = 0; i < n; i++) {
    const village = draw(cum)
    const v = sorted[village]
    const m = months[draw(monthCum)]
    const next = new Date(m)
    next.setUTCMonth(next.getUTCMonth() + 1)
    const day = Math.min(between(rng, m, next.getTime()), END)
    const exact = rng.next() < 0.4
    const [lon, lat] = jitter(rng, v.lon, v.lat, exact ? 600 : 250)
    out.set(i, {
      village,
      day: (day - START) / DAY,
      category: weighted(rng, mixes[village]),
      severity: weighted(rng, { '1': 70, '2': 25, '3': 5 }) === '1' ? 1 : rng.next() < 0.83 ? 2 : 3,
      exact,
      lon,
      lat,
    })
  }
  return out
}

/** Demo security records over the real communes and generated villages. Deterministic in `seed`. */
/** `incidents`: how many to draw over the period; null: by the base rate and the villages' populations. */
export function generateDemoRecords(
  villages: readonly VillageContext[],
  seed: number,
  incidents: number | null = null,
): DemoRecords {
  const rng = createRng(seed ^ 0x5eed)
  const out: DemoRecords = {
    models: [],
    statuses: [],
    evaluations: [],
    incidents: new DemoIncidents(0, []),
    outreach: [],
    certifications: [],
    funding: [],
    prestige: [],
  }
  const sorted = [...villages].sort((a, b) => a.code.localeCompare(b.code))
  const byCommune = new Map<string, VillageContext[]>()
  for (const v of sorted) byCommune.set(v.commune_code, [...(byCommune.get(v.commune_code) ?? []), v])

  // Security models and their histories.
  let mid = 0
  const exemplaryByType = new Map<string, string[]>()
  const organised = organisedVillages(sorted, seed)
  for (const rule of RULES) {
    const hosts = rule.perCommune
      ? [...byCommune.values()].map((vs) => vs[0])
      : rule.withoutMovement
        ? sorted
        : sorted.filter((v) => organised.has(v.code))
    for (const v of hosts) {
      if (rng.next() >= rule.chance(v)) continue
      const id = `M${String(++mid).padStart(6, '0')}`
      const founded = between(rng, rule.founded[0], rule.founded[1])
      const [lon, lat] = jitter(rng, v.lon, v.lat, rule.jitterM)
      let status: 'active' | 'weak' | 'dissolved' = 'active'
      let weakFrom: number | null = null
      let dissolvedOn: number | null = null
      const age = (END - founded) / (365 * DAY)
      const fragile = v.under_covered ? 2 : 1
      if (age > 2 && rng.next() < 0.07 * fragile) {
        dissolvedOn = between(rng, Math.max(founded + 365 * DAY, START - 2 * 365 * DAY), END - 30 * DAY)
        status = 'dissolved'
        if (rng.next() < 0.5) weakFrom = between(rng, founded + 180 * DAY, dissolvedOn - 30 * DAY)
      } else if (age > 1 && rng.next() < 0.08 * fragile) {
        weakFrom = between(rng, Math.max(founded + 180 * DAY, START), END - 60 * DAY)
        status = 'weak'
      }
      const exemplary = status === 'active' && rng.next() < 0.05
      const prior = exemplaryByType.get(rule.type) ?? []
      const replicated =
        prior.length > 0 && founded > ms('2019-01-01') && rng.next() < 0.12 ? pick(rng, prior) : null
      if (exemplary) exemplaryByType.set(rule.type, [...prior, id])
      out.models.push({
        id,
        name: `${TYPE_NAMES[rule.type]} ${rule.perCommune ? 'xã' : v.code.slice(6)}`,
        type_code: rule.type,
        commune_code: v.commune_code,
        village_code: rule.perCommune ? null : v.code,
        lead_org_code: weighted(rng, rule.lead),
        founded_on: toDate(founded),
        members: rule.members[0] + Math.floor(rng.next() * (rule.members[1] - rule.members[0] + 1)),
        equipment:
          rule.type === 'camera_an_ninh'
            ? `${2 + Math.floor(rng.next() * 6)} camera`
            : rng.next() < 0.3
              ? 'Đèn pin, gậy, áo phản quang'
              : null,
        exemplary,
        replicated_from: replicated,
        status,
        dissolved_on: dissolvedOn === null ? null : toDate(dissolvedOn),
        dissolved_reason: dissolvedOn === null ? null : pick(rng, DISSOLVE_REASONS),
        lon,
        lat,
      })
      const cuts = [founded, weakFrom, dissolvedOn].filter((x): x is number => x !== null)
      const states = [
        'active',
        ...(weakFrom !== null ? ['weak'] : []),
        ...(dissolvedOn !== null ? ['dissolved'] : []),
      ]
      states.forEach((s, i) => {
        out.statuses.push({
          model_id: id,
          status: s,
          valid_from: toDate(cuts[i]),
          valid_to: i + 1 < cuts.length ? toDate(cuts[i + 1]) : null,
          reason:
            s === 'dissolved'
              ? out.models[out.models.length - 1].dissolved_reason
              : s === 'weak'
                ? 'Xếp loại yếu, hoạt động cầm chừng'
                : null,
        })
      })

      // Quarterly evaluations from the data start; some models are left unevaluated for long stretches.
      const diligence = v.under_covered ? 0.45 : rng.next() < 0.15 ? 0.35 : 0.85
      let eid = 0
      for (let q = Math.max(founded + 90 * DAY, START); q < (dissolvedOn ?? END); q += 91 * DAY) {
        if (rng.next() >= diligence) continue
        const day = q + Math.floor(rng.next() * 60) * DAY
        if (day > (dissolvedOn ?? END)) break
        const weakNow = weakFrom !== null && day >= weakFrom
        out.evaluations.push({
          id: `${id}-E${String(++eid).padStart(2, '0')}`,
          model_id: id,
          evaluated_on: toDate(day),
          rating_code: weakNow
            ? weighted(rng, { trung_binh: 2, yeu: 3 })
            : weighted(rng, { tot: 35, kha: 40, trung_binh: 18, yeu: 7 }),
          evaluator: rule.lead.border_guard ? 'Đồn Biên phòng' : 'Công an xã',
        })
      }
    }
  }

  const years = (END - START) / (365.25 * DAY)
  const totalPop = sorted.reduce((s, v) => s + v.population, 0)
  out.incidents = drawIncidents(rng, sorted, incidents ?? Math.round((BASE_RATE * totalPop * years) / 1000))

  // Outreach: spread thinly and evenly rather than where incidents are (a weakness the dashboard should show).
  let oid = 0
  for (const [commune, vs] of byCommune) {
    const perYear = 4 + Math.floor(rng.next() * 10)
    const total = Math.round(perYear * years)
    for (let k = 0; k < total; k++) {
      const v = rng.next() < 0.6 ? pick(rng, vs) : null
      out.outreach.push({
        id: `O${String(++oid).padStart(6, '0')}`,
        commune_code: commune,
        village_code: v?.code ?? null,
        held_on: toDate(between(rng, START, END)),
        topic: pick(rng, OUTREACH_TOPICS),
        lead_org_code: weighted(rng, {
          police: 4,
          fatherland_front: 2,
          youth_union: 1,
          womens_union: 1,
          border_guard: 1,
        }),
        attendees: 20 + Math.floor(rng.next() * 180),
      })
    }
  }

  // Safety certifications by year, funding by year, people with prestige.
  let cid = 0
  let fid = 0
  const certify = (
    subject_kind: DemoRecords['certifications'][number]['subject_kind'],
    subject_name: string,
    commune_code: string,
    village_code: string | null,
    year: number,
    chance: number,
  ) =>
    out.certifications.push({
      id: `C${String(++cid).padStart(6, '0')}`,
      subject_kind,
      subject_name,
      commune_code,
      village_code,
      year,
      certified: rng.next() < chance,
    })
  const fund = (
    commune_code: string,
    model_id: string | null,
    year: number,
    amount_vnd: number,
    source: string,
    purpose: string,
  ) =>
    out.funding.push({
      id: `F${String(++fid).padStart(6, '0')}`,
      commune_code,
      model_id,
      year,
      amount_vnd,
      source,
      purpose,
    })
  const modelsByCommune = new Map<string, string[]>()
  for (const m of out.models)
    modelsByCommune.set(m.commune_code, [...(modelsByCommune.get(m.commune_code) ?? []), m.id])
  for (const year of [2022, 2023, 2024, 2025]) {
    for (const [commune, vs] of byCommune) {
      const under = vs[0].under_covered
      for (const v of vs) certify('village', v.code, commune, v.code, year, under ? 0.45 : 0.8)
      certify('commune', commune, commune, null, year, under ? 0.4 : 0.75)
      if (rng.next() < 0.6) certify('school', `Trường THCS ${commune}`, commune, null, year, 0.85)
      const pop = vs.reduce((s, v) => s + v.population, 0)
      const budget = Math.round((pop * (under ? 2_500 : 6_000) * (0.7 + rng.next() * 0.6)) / 1e5) * 1e5
      fund(commune, null, year, budget, 'Ngân sách xã', 'Hoạt động phong trào')
      const ms_ = modelsByCommune.get(commune) ?? []
      if (ms_.length > 0 && rng.next() < 0.5)
        fund(
          commune,
          pick(rng, ms_),
          year,
          Math.round(20 + rng.next() * 180) * 1e6,
          'Ngân sách tỉnh',
          'Trang bị, phương tiện',
        )
    }
  }
  for (const v of sorted)
    out.prestige.push({
      village_code: v.code,
      year: 2025,
      people: 1 + Math.floor(rng.next() * (v.kind === 'to_dan_pho' ? 3 : 6)),
    })

  return out
}
