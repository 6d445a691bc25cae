import type { LayerId, LayerSetting } from '../state/atlas-state.ts'

/** Layers that fill the units with colour: one at a time, so colours never mix and the legend stays true. */
export const FILL_LAYERS: readonly LayerId[] = [
  'choropleth',
  'hotspots',
  'bivariate',
  'change',
  'emerging',
  'standard',
]

/** The layers after changing `id`; turning a fill layer on turns the other fill layers off. */
export function withLayer(
  layers: Readonly<Record<LayerId, LayerSetting>>,
  id: LayerId,
  patch: Partial<LayerSetting>,
): Record<LayerId, LayerSetting> {
  const next = { ...layers, [id]: { ...layers[id], ...patch } }
  if (patch.on && FILL_LAYERS.includes(id))
    for (const other of FILL_LAYERS) if (other !== id) next[other] = { ...next[other], on: false }
  return next
}
