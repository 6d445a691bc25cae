import { mapRef } from '../map/map-ref.ts'

/**
 * Knowing when the screen has caught up with a state change: no request in flight (every fetch made
 * through window.fetch after this module loads is counted), the map idle, and a couple of frames drawn.
 * Presentations and exports wait for this before they take a picture.
 */
let inflight = 0
let lastChange = 0

if (typeof window !== 'undefined' && !(window.fetch as { antttracked?: boolean }).antttracked) {
  const original = window.fetch.bind(window)
  const tracked = (input: RequestInfo | URL, init?: RequestInit) => {
    inflight++
    lastChange = performance.now()
    const done = () => {
      inflight--
      lastChange = performance.now()
    }
    const p = original(input, init)
    p.then(done, done)
    return p
  }
  ;(tracked as { antttracked?: boolean }).antttracked = true
  window.fetch = tracked as typeof window.fetch
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
export const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()))
export async function frames(n: number) {
  for (let i = 0; i < n; i++) await nextFrame()
}

/** Resolves when no request has been in flight for `quietMs`. */
export async function networkQuiet(quietMs = 250, timeoutMs = 60_000) {
  const t0 = performance.now()
  while (performance.now() - t0 < timeoutMs) {
    if (inflight === 0 && performance.now() - lastChange >= quietMs) return
    await sleep(50)
  }
}

/** Resolves after the live map's next idle (it is made to draw once, so an idle map answers at once). */
export function liveMapIdle(timeoutMs = 30_000): Promise<void> {
  const live = mapRef.current
  if (!live) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    live.map.once('idle', () => {
      clearTimeout(timer)
      resolve()
    })
    live.map.triggerRepaint()
  })
}

/** Waits until requests, React and the live map have all settled after a state change. */
export async function settleLive(ready: () => boolean = () => true, timeoutMs = 90_000) {
  const t0 = performance.now()
  await frames(2)
  for (;;) {
    await networkQuiet(300, timeoutMs)
    await frames(2)
    await liveMapIdle()
    await frames(2)
    if ((inflight === 0 && ready()) || performance.now() - t0 > timeoutMs) return
  }
}
