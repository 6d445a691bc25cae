import { useSyncExternalStore } from 'react'

/**
 * A value that components far apart share outside the address (the planner's answers, what the map has
 * drawn, the briefing lists): read it, replace it, and re-render whoever uses it when it changes.
 */
export interface SharedValue<T> {
  get(): T
  set(next: T): void
  /** Replaces the fields named, keeps the others. */
  patch(fields: Partial<T>): void
  /** The value in a component, or the part of it that `select` picks (re-rendered only when that changes). */
  use<S = T>(select?: (v: T) => S): S
}

export function sharedValue<T>(initial: T): SharedValue<T> {
  let value = initial
  const listeners = new Set<() => void>()
  const subscribe = (l: () => void) => {
    listeners.add(l)
    return () => {
      listeners.delete(l)
    }
  }
  const set = (next: T) => {
    value = next
    for (const l of listeners) l()
  }
  return {
    get: () => value,
    set,
    patch: (fields) => set({ ...value, ...fields }),
    use: <S = T>(select?: (v: T) => S) =>
      useSyncExternalStore(subscribe, () => (select ? select(value) : (value as unknown as S))),
  }
}
