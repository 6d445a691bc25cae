// Reference lists the admin and records screens choose from (cached by the shared fetch layer).
import type { FeatureCollection, Point } from 'geojson'
import { useApi } from '../api/client.ts'

export interface CommuneName {
  code: string
  name: string
}

export function useCommuneNames(): CommuneName[] {
  const { data } = useApi<FeatureCollection<Point, CommuneName>>(
    '/api/units?level=commune&geometry=point&properties=code,name',
  )
  return (data?.features ?? []).map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'vi'))
}

export interface Role {
  code: string
  name_vi: string
  name_en: string
  permissions: string[]
}

export function useRoles(enabled: boolean): Role[] {
  return useApi<{ roles: Role[] }>(enabled ? '/api/roles' : null).data?.roles ?? []
}
