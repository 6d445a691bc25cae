import { FILL_LAYERS, type LayerId, type LayerSetting } from '../state/atlas-state.ts'

/** The layers after changing `id`; turning a fill layer on turns the other fill layers off. */
export function withLayer(
  layers: Readonly<Record<LayerId, LayerSetting>>,
  id: LayerId,
  patch: Partial<LayerSetting>,
): Record<LayerId, LayerSetting> {
  const next = { ...layers, [id]: { ...layers[id], ...patch } }
  if (patch.on && (FILL_LAYERS as readonly LayerId[]).includes(id))
    for (const other of FILL_LAYERS) if (other !== id) next[other] = { ...next[other], on: false }
  return next
}
