import { describe, expect, it } from 'vitest'
import { type AtlasState, DEFAULT_STATE } from '../state/atlas-state.ts'
import { atlasStateOf, boundsCenter, captureViewState, zoomToFit } from './view-state.ts'

const screen: AtlasState = {
  ...structuredClone(DEFAULT_STATE),
  lang: 'en',
  classification: { ...DEFAULT_STATE.classification, metric: 'village_coverage', method: 'jenks', k: 4 },
  filters: { ...DEFAULT_STATE.filters, categories: ['drugs', 'theft'] },
  selected: '02647',
}
const live = {
  camera: { lon: 104.1, lat: 22.4, zoom: 9.25 },
  bounds: [103.5, 22.0, 104.7, 22.8] as [number, number, number, number],
}

describe('saved view state', () => {
  it('stores the view in the address-bar format, with the camera taken from the map', () => {
    const saved = captureViewState(screen, live, { from: '2025-07-01', to: '2026-06-30' })
    expect(saved.q).toContain('m=village_coverage')
    expect(saved.q).toContain('cats=drugs,theft')
    expect(saved.q).toContain('map=9.25/22.4/104.1')
    expect(saved.lang).toBe('en')
    expect(saved.bounds).toEqual(live.bounds)
  })

  it('freezes the default period so the view shows the same months later', () => {
    const saved = captureViewState(screen, live, { from: '2025-07-01', to: '2026-06-30' })
    expect(saved.period).toEqual({ from: '2025-07-01', to: '2026-06-30' })
    expect(atlasStateOf(saved)).toMatchObject({ from: '2025-07-01', to: '2026-06-30' })
  })

  it('restores every part of the screen state', () => {
    const restored = atlasStateOf(captureViewState(screen, live, null))
    expect(restored).toEqual({ ...screen, camera: live.camera })
  })

  it('falls back to the default view for a state it cannot read', () => {
    expect(atlasStateOf({ q: 42 } as never)).toEqual(DEFAULT_STATE)
    expect(atlasStateOf(null)).toEqual(DEFAULT_STATE)
  })
})

describe('fitting an extent', () => {
  it('fits a 1.4° wide extent into 1000 px at about zoom 8.3', () => {
    expect(zoomToFit([103.5, 22, 104.9, 22.5], 1000, 800)).toBeCloseTo(Math.log2(1000 / 512 / (1.4 / 360)), 5)
  })

  it('finds the Mercator centre, a little poleward of the mean latitude', () => {
    const [lon, lat] = boundsCenter([103, 21, 105, 23])
    expect(lon).toBe(104)
    expect(lat).toBeGreaterThan(22)
    expect(lat).toBeLessThan(22.05)
  })
})
