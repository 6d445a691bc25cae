/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list]
  if (from < 0 || from >= out.length) return out
  const target = Math.min(Math.max(to, 0), out.length - 1)
  const [item] = out.splice(from, 1)
  out.splice(target, 0, item)
  return out
}
