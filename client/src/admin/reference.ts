// Reference lists the admin screens choose from (cached by the shared fetch layer).
import { useApi } from '../api/client.ts'

export interface Role {
  code: string
  name_vi: string
  name_en: string
  permissions: string[]
}

export function useRoles(enabled: boolean): Role[] {
  return useApi<{ roles: Role[] }>(enabled ? '/api/roles' : null).data?.roles ?? []
}
