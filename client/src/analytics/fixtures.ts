// API answers shared by the tests of the analytics layers and of their legend blocks, frozen.
import type { EmergingResult, EmergingRow, HotspotResult, HotspotRow } from '@antt/contract'

const row = (code: string, gi: HotspotRow['gi_class'], lisa: HotspotRow['lisa_cluster']): HotspotRow => ({
  code,
  name: code,
  value: gi ? 1 : null,
  neighbours: 2,
  gi_z: gi ? 1 : null,
  gi_p: null,
  gi_p_fdr: null,
  gi_class: gi,
  moran_i: null,
  lisa_quadrant: null,
  lisa_p: null,
  lisa_p_fdr: null,
  lisa_cluster: lisa,
})

export const HOTSPOTS: HotspotResult = Object.freeze({
  level: 'village',
  metric: 'incident_rate_eb',
  period: { from: '2025-07-01', to: '2026-06-30' },
  method: {
    permutations: 999,
    seed: 1,
    tolerance_m: 5,
    gi_star: '',
    local_moran: '',
    contiguity: '',
    fdr: '',
    islands: [],
  },
  counts: { units: 4, analysed: 3, no_data: 1, islands: 0, gi_class: {}, lisa_cluster: {} },
  rows: [
    row('02647-001', 'hot-99', 'HH'),
    row('02647-002', 'not-significant', 'not-significant'),
    row('02647-003', null, null),
    row('02650-001', 'cold-95', 'LL'),
  ],
}) as HotspotResult

const emergingRow = (code: string, category: EmergingRow['category']): EmergingRow => ({
  code,
  name: code,
  category,
  trend_z: 0,
  trend_p: 1,
  low_counts: false,
  series: [],
})
export const EMERGING: EmergingResult = Object.freeze({
  level: 'village',
  step: 'month',
  period: { from: '2024-07-01', to: '2026-06-30' },
  steps: ['2024-07'],
  method: {},
  counts: { units: 3, low_counts: 0, categories: {} },
  rows: [
    emergingRow('02647-001', 'persistent-hot-spot'),
    emergingRow('02647-002', 'no-pattern'),
    emergingRow('02650-001', 'new-cold-spot'),
  ],
}) as EmergingResult
