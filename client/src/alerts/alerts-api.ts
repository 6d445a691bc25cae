// Notifications of GET /api/alerts (api/src/alerts/notifications.ts) and what opening one does to the view.
import { withLayer } from '../analytics/fill-layers.ts'
import { isMetricName } from '../metrics/catalog.ts'
import type { AtlasState, LayerId } from '../state/atlas-state.ts'

export interface AlertNotification {
  id: number
  rule_id: number
  rule_name: string
  condition: string
  level: 'commune' | 'village'
  unit_code: string
  unit_name: string
  commune_code: string
  message: string
  figures: Record<string, unknown>
  /** a layer id, or choropleth:<metric> */
  layer: string
  fired_at: string
  cleared_at: string | null
  as_of: string
  read: boolean
}

export interface AlertInboxData {
  unread: number
  alerts: AlertNotification[]
}

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
