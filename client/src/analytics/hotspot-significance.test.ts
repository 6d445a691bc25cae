import type { HotspotRow } from '@antt/contract'
import { describe, expect, it } from 'vitest'
import { significantCounts } from './hotspot-significance.ts'

const row = (p: Partial<HotspotRow>): HotspotRow => ({
  code: 'x',
  name: 'x',
  value: 1,
  neighbours: 3,
  gi_z: 0,
  gi_p: null,
  gi_p_fdr: null,
  gi_class: null,
  moran_i: 0,
  lisa_quadrant: null,
  lisa_p: null,
  lisa_p_fdr: null,
  lisa_cluster: null,
  ...p,
})

describe('significant hot-spot units with and without FDR', () => {
  it('counts p below 0.05 before and after the adjustment separately', () => {
    const rows = [
      row({ gi_p: 0.01, gi_p_fdr: 0.2 }),
      row({ gi_p: 0.049, gi_p_fdr: 0.049 }),
      row({ gi_p: 0.05, gi_p_fdr: 0.5 }),
      row({ gi_p: null, gi_p_fdr: null }),
    ]
    expect(significantCounts(rows, 'gi')).toEqual({ raw: 2, adjusted: 1 })
  })

  it('counts only units with a local Moran quadrant for the cluster view', () => {
    const rows = [
      row({ lisa_p: 0.001, lisa_p_fdr: 0.3, lisa_quadrant: 'HH' }),
      row({ lisa_p: 0.001, lisa_p_fdr: 0.001, lisa_quadrant: null }),
    ]
    expect(significantCounts(rows, 'lisa')).toEqual({ raw: 1, adjusted: 0 })
  })
})
