// Reference lists the admin screens choose from (cached by the shared fetch layer).
import type { Role, Roles } from '@antt/contract'
import { useApi } from '../api/client.ts'

export function useRoles(enabled: boolean): Role[] {
  return useApi<Roles>(enabled ? '/api/roles' : null).data?.roles ?? []
}
