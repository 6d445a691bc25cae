import { useSyncExternalStore } from 'react'
import type { AtlasState } from './atlas-state.ts'
import { decodeState, encodeState } from './url-state.ts'

type Listener = () => void

/**
 * The single source of the view. Every change is written to the address bar (replaceState, so the
 * back button is not flooded by camera moves); opening the address restores the same view.
 */
class AtlasStore {
  private state: AtlasState
  private listeners = new Set<Listener>()
  private urlTimer: ReturnType<typeof setTimeout> | undefined

  constructor(search: string) {
    this.state = decodeState(search)
    window.addEventListener('popstate', () => this.replace(decodeState(window.location.search), false))
  }

  get = (): AtlasState => this.state

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }

  /** Applies a change; `push` adds a history entry (used for drill-down and selection). */
  update = (
    change: Partial<AtlasState> | ((s: AtlasState) => Partial<AtlasState>),
    opts: { push?: boolean } = {},
  ) => {
    const patch = typeof change === 'function' ? change(this.state) : change
    this.replace({ ...this.state, ...patch }, true, opts.push)
  }

  private replace(next: AtlasState, writeUrl: boolean, push = false) {
    this.state = next
    if (writeUrl) this.writeUrl(push)
    for (const l of this.listeners) l()
  }

  /**
   * A push is written at once; other changes at most 150 ms after the first one not yet written (a
   * throttle, not a debounce: a camera that keeps moving must not hold back a filter change).
   */
  private writeUrl(push: boolean) {
    const write = () => {
      clearTimeout(this.urlTimer)
      this.urlTimer = undefined
      const q = encodeState(this.state)
      const url = `${window.location.pathname}${q ? `?${q}` : ''}`
      if (url === `${window.location.pathname}${window.location.search}`) return
      if (push) window.history.pushState(null, '', url)
      else window.history.replaceState(null, '', url)
    }
    if (push) write()
    else this.urlTimer ??= setTimeout(write, 150)
  }
}

export const store = new AtlasStore(window.location.search)

export function useAtlas<T>(select: (s: AtlasState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()))
}

export const update = store.update
