import type { ClassMethod, PaletteName } from '@antt/analysis'
import { PALETTE_NAMES } from '@antt/analysis'
import { isMetricName } from '../metrics/catalog.ts'
import { decodeAnalytics, encodeAnalytics } from './analytics-state.ts'
import {
  type AtlasState,
  DEFAULT_STATE,
  type Filters,
  LAYER_IDS,
  type LayerId,
  type LayerSetting,
} from './atlas-state.ts'

/**
 * The view as a query string and back. Short keys, defaults left out, anything unknown or malformed
 * ignored (a link edited by hand still opens). Lists are comma-separated and left readable.
 */

const METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'jenks', 'stddev', 'manual']
const FILTER_KEYS: Record<keyof Filters, string> = {
  types: 'types',
  statuses: 'statuses',
  orgs: 'orgs',
  categories: 'cats',
  classes: 'classes',
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const CODE = /^[a-z][a-z0-9_]{0,63}$/
/** A province (two digits, national mode), a commune (five) or a village (five, a dash, three). */
const UNIT_CODE = /^\d{2}$|^\d{5}(-\d{3})?$/

const round = (x: number, digits: number) => Number(x.toFixed(digits))
const list = (s: string | null) => (s ? s.split(',').filter(Boolean) : [])
const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

export function encodeState(state: AtlasState): string {
  const p: [string, string][] = []
  const d = DEFAULT_STATE
  if (state.lang !== d.lang) p.push(['lang', state.lang])
  if (state.camera) {
    const { zoom, lat, lon } = state.camera
    p.push(['map', `${round(zoom, 2)}/${round(lat, 5)}/${round(lon, 5)}`])
  }
  if (state.level !== d.level) p.push(['lv', state.level])
  const c = state.classification
  const dc = d.classification
  if (c.metric !== dc.metric) p.push(['m', c.metric])
  if (c.method !== dc.method) p.push(['cls', c.method])
  if (c.k !== dc.k) p.push(['k', String(c.k)])
  if (c.palette) p.push(['pal', c.palette])
  if (c.breaks && (c.locked || c.method === 'manual'))
    p.push(['br', c.breaks.map((b) => String(round(b, 6))).join(',')])
  if (c.locked) p.push(['lock', '1'])
  const on = LAYER_IDS.filter((id) => state.layers[id].on)
  if (
    !sameList(
      on,
      LAYER_IDS.filter((id) => d.layers[id].on),
    )
  )
    p.push(['layers', on.join(',')])
  const op = LAYER_IDS.filter((id) => state.layers[id].opacity !== d.layers[id].opacity).map(
    (id) => `${id}:${Math.round(state.layers[id].opacity * 100)}`,
  )
  if (op.length) p.push(['op', op.join(',')])
  if (state.density !== d.density) p.push(['dens', state.density])
  if (state.from) p.push(['from', state.from])
  if (state.to) p.push(['to', state.to])
  for (const [k, key] of Object.entries(FILTER_KEYS) as [keyof Filters, string][]) {
    if (state.filters[k].length) p.push([key, state.filters[k].join(',')])
  }
  if (state.selected) p.push(['sel', state.selected])
  if (state.drill) p.push(['drill', state.drill])
  if (state.table) p.push(['table', '1'])
  if (state.sort.key !== c.metric || state.sort.asc)
    p.push(['sort', `${state.sort.asc ? '' : '-'}${state.sort.key}`])
  p.push(...encodeAnalytics(state.analytics))
  if (state.scenario !== null) p.push(['scn', String(state.scenario)])
  return p
    .map(
      ([k, v]) =>
        `${k}=${encodeURIComponent(v).replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':')}`,
    )
    .join('&')
}

export function decodeState(search: string): AtlasState {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)
  const d = DEFAULT_STATE
  const s: AtlasState = structuredClone(d) as AtlasState

  const lang = q.get('lang')
  if (lang === 'vi' || lang === 'en') s.lang = lang

  const map = q.get('map')?.split('/').map(Number)
  if (map && map.length === 3 && map.every(Number.isFinite)) {
    const [zoom, lat, lon] = map
    if (zoom >= 0 && zoom <= 22 && Math.abs(lat) <= 85 && Math.abs(lon) <= 180) s.camera = { zoom, lat, lon }
  }
  const lv = q.get('lv')
  if (lv === 'province' || lv === 'commune' || lv === 'village') s.level = lv

  const m = q.get('m')
  if (m && isMetricName(m)) s.classification.metric = m
  const cls = q.get('cls') as ClassMethod | null
  if (cls && METHODS.includes(cls)) s.classification.method = cls
  const k = Number(q.get('k'))
  if (Number.isInteger(k) && k >= 2 && k <= 9) s.classification.k = k
  const pal = q.get('pal') as PaletteName | null
  if (pal && PALETTE_NAMES.includes(pal)) s.classification.palette = pal
  const br = list(q.get('br')).map(Number)
  if (br.length && br.every(Number.isFinite) && br.every((b, i) => i === 0 || b > br[i - 1]))
    s.classification.breaks = br
  s.classification.locked = q.get('lock') === '1' && s.classification.breaks !== null
  if (s.classification.method === 'manual' && !s.classification.breaks) s.classification.method = 'quantile'

  const layers = q.get('layers')
  if (layers !== null) {
    const on = new Set(list(layers))
    for (const id of LAYER_IDS) s.layers[id] = { ...s.layers[id], on: on.has(id) }
  }
  for (const item of list(q.get('op'))) {
    const [id, pct] = item.split(':')
    const v = Number(pct)
    if ((LAYER_IDS as readonly string[]).includes(id) && Number.isFinite(v) && v >= 0 && v <= 100)
      s.layers[id as LayerId] = { ...s.layers[id as LayerId], opacity: v / 100 } satisfies LayerSetting
  }
  const dens = q.get('dens')
  if (dens === 'hex' || dens === 'heatmap') s.density = dens

  const from = q.get('from')
  const to = q.get('to')
  if (from && ISO_DATE.test(from)) s.from = from
  if (to && ISO_DATE.test(to)) s.to = to
  if (s.from && s.to && s.from > s.to) [s.from, s.to] = [s.to, s.from]

  for (const [k2, key] of Object.entries(FILTER_KEYS) as [keyof Filters, string][]) {
    s.filters[k2] = list(q.get(key)).filter((c) => CODE.test(c))
  }
  const sel = q.get('sel')
  if (sel && UNIT_CODE.test(sel)) s.selected = sel
  const drill = q.get('drill')
  if (drill && /^\d{5}$/.test(drill)) s.drill = drill
  s.table = q.get('table') === '1'
  s.sort = { key: s.classification.metric, asc: false }
  const sort = q.get('sort')
  if (sort) {
    const key = sort.replace(/^-/, '')
    if (key === 'name' || isMetricName(key)) s.sort = { key, asc: !sort.startsWith('-') }
  }
  s.analytics = decodeAnalytics(q)
  const scn = q.get('scn')
  if (scn && /^[1-9]\d{0,8}$/.test(scn)) s.scenario = Number(scn)
  return s
}
