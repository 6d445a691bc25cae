import { describe, expect, it } from 'vitest'
import { DEFAULT_LAYERS } from '../state/atlas-state.ts'
import { withLayer } from './fill-layers.ts'

describe('switching layers', () => {
  it('turns the thematic map off when the hot-spot map is turned on', () => {
    const next = withLayer(DEFAULT_LAYERS, 'hotspots', { on: true })
    expect(next.hotspots.on).toBe(true)
    expect(next.choropleth.on).toBe(false)
    expect(next.border_belt.on).toBe(DEFAULT_LAYERS.border_belt.on)
  })

  it('leaves other layers alone for layers that do not fill units, and for opacity', () => {
    expect(withLayer(DEFAULT_LAYERS, 'models', { on: true }).choropleth.on).toBe(true)
    const dimmed = withLayer({ ...DEFAULT_LAYERS, change: { on: true, opacity: 1 } }, 'choropleth', {
      opacity: 0.5,
    })
    expect(dimmed.change.on).toBe(true)
  })
})
