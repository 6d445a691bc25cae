import { describe, expect, it } from 'vitest'
import { type AtlasState, DEFAULT_STATE } from './atlas-state.ts'
import { decodeState, encodeState } from './url-state.ts'

const fullView: AtlasState = {
  ...structuredClone(DEFAULT_STATE),
  lang: 'en',
  camera: { zoom: 9.5, lat: 22.48, lon: 103.97 },
  level: 'village',
  classification: {
    metric: 'village_coverage',
    method: 'jenks',
    k: 6,
    palette: 'Greens',
    breaks: [0.2, 0.5, 0.8, 1],
    locked: true,
  },
  density: 'heatmap',
  from: '2025-01-01',
  to: '2025-12-31',
  filters: {
    types: ['camera_an_ninh', 'to_tuan_tra'],
    statuses: ['active', 'weak'],
    orgs: ['police'],
    categories: ['drugs'],
    classes: ['border'],
  },
  selected: '02647-003',
  drill: '02647',
  table: true,
  sort: { key: 'incidents', asc: true },
  scenario: 12,
}
fullView.layers = {
  ...fullView.layers,
  incidents: { on: true, opacity: 0.6 },
  labels: { on: false, opacity: 1 },
}

describe('URL state', () => {
  it('encodes the default view as an empty query string', () => {
    expect(encodeState(DEFAULT_STATE)).toBe('')
  })

  it('restores every part of a view from its encoding', () => {
    expect(decodeState(encodeState(fullView))).toEqual(fullView)
  })

  it('keeps lists and the camera readable in the link', () => {
    const q = encodeState(fullView)
    expect(q).toContain('types=camera_an_ninh,to_tuan_tra')
    expect(q).toContain('map=9.5/22.48/103.97')
    expect(q).toContain('lang=en')
    expect(q).toContain('scn=12')
  })

  it('restores the province level with a province selected (national mode), and refuses other codes', () => {
    const view: AtlasState = { ...structuredClone(DEFAULT_STATE), level: 'province', selected: '15' }
    expect(decodeState(encodeState(view))).toEqual(view)
    expect(decodeState('?sel=1').selected).toBeNull()
    expect(decodeState('?sel=015').selected).toBeNull()
    expect(decodeState('?lv=district').level).toBe('commune')
  })

  it('reads ?lang=en and ?lang=vi', () => {
    expect(decodeState('?lang=en').lang).toBe('en')
    expect(decodeState('?lang=vi').lang).toBe('vi')
    expect(decodeState('?lang=fr').lang).toBe('vi')
  })

  it('ignores malformed values instead of failing', () => {
    const s = decodeState(
      'map=abc&k=42&m=drop_table&sel=1;select&from=yesterday&br=3,2,1&cls=magic&types=A%20B&scn=0x1',
    )
    expect(s).toEqual({ ...DEFAULT_STATE, filters: { ...DEFAULT_STATE.filters } })
  })

  it('swaps a reversed period', () => {
    const s = decodeState('from=2026-01-01&to=2025-01-01')
    expect([s.from, s.to]).toEqual(['2025-01-01', '2026-01-01'])
  })

  it('falls back from manual classification without breaks to quantiles', () => {
    expect(decodeState('cls=manual').classification.method).toBe('quantile')
  })
})
