// What opening a notification of GET /api/alerts (AlertNotification in @antt/contract) does to the view.
import type { AlertNotification } from '@antt/contract'
import { withLayer } from '../analytics/fill-layers.ts'
import { isMetricName } from '../metrics/catalog.ts'
import type { AtlasState, LayerId } from '../state/atlas-state.ts'

/** The view that shows a notification: its unit selected (villages drilled into) with its layer on. */
export function viewForAlert(s: AtlasState, a: AlertNotification): Partial<AtlasState> {
  const [layer, metric] = a.layer.split(':') as [LayerId, string | undefined]
  const village = a.level === 'village'
  const next: Partial<AtlasState> = {
    selected: a.unit_code,
    level: village ? 'village' : 'commune',
    drill: village ? a.commune_code : s.drill,
    layers: withLayer(s.layers, layer, { on: true }),
  }
  if (layer === 'choropleth' && metric && isMetricName(metric))
    next.classification = { ...s.classification, metric, breaks: null, locked: false }
  return next
}
