import { useEffect, useState } from 'react'
import { request, type SessionUser } from '../api/client.ts'
import { useCommuneNames, useVillagePoints } from '../api/hooks.ts'

/** Communes the user may edit: their scope, or all. */
export function useEditableCommunes(user: SessionUser) {
  const all = useCommuneNames()
  return user.scope?.length ? all.filter((c) => user.scope?.includes(c.code)) : all
}

export function useVillagesOf(commune: string) {
  const { data } = useVillagePoints(true)
  return (data?.features ?? [])
    .map((f) => f.properties)
    .filter((v) => v.commune_code === commune)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
}

export interface ModelOption {
  id: string
  name: string
  status: string
}

/** Models of a commune (all statuses); `version` reloads after a change. */
export function useModelsOf(commune: string, version: number): ModelOption[] {
  const [models, setModels] = useState<ModelOption[]>([])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version reloads the list after an edit
  useEffect(() => {
    if (!commune) return
    let live = true
    request
      .get<{ features: { properties: { id: string; name?: string; status: string } }[] }>(
        `/api/layers/models?commune=${commune}`,
      )
      .then(
        (r) =>
          live &&
          setModels(
            r.features
              .map((f) => ({
                id: f.properties.id,
                name: f.properties.name ?? f.properties.id,
                status: f.properties.status,
              }))
              .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
          ),
        () => live && setModels([]),
      )
    return () => {
      live = false
    }
  }, [commune, version])
  return models
}
