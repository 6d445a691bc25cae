// Form values are strings as typed; these turn them into what the records API takes, and back.

/** Optional text: undefined when empty. */
export const opt = (s: string) => (s.trim() === '' ? undefined : s.trim())
/** Optional number: undefined when empty, a decimal comma read as a point, NaN passed on so the API names the field. */
export const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')))
export const today = () => new Date().toISOString().slice(0, 10)

/** The fields `keys` of a record as form values: numbers as typed text, nothing as ''. Other fields are left out. */
export function asFormValues<K extends string>(
  record: Record<K, string | number | null | undefined>,
  keys: readonly K[],
): Record<K, string> {
  const out = {} as Record<K, string>
  for (const k of keys) out[k] = record[k] == null ? '' : String(record[k])
  return out
}

/**
 * The body of an edit: the fields whose value differs from `before`, taken from `body`; a group in
 * `together` is sent whole when one of its fields changed (a moved point sends both coordinates).
 */
export function changedFields<K extends string>(
  body: Record<K, unknown>,
  values: Record<K, string>,
  before: Record<K, string>,
  together: readonly (readonly K[])[] = [],
): Partial<Record<K, unknown>> {
  const changed: Partial<Record<K, unknown>> = {}
  for (const k of Object.keys(body) as K[]) if (values[k] !== before[k]) changed[k] = body[k]
  for (const group of together)
    if (group.some((k) => k in changed)) for (const k of group) changed[k] = body[k]
  return changed
}
