/**
 * Knowing when the screen has caught up with a state change: no request in flight (every fetch made
 * through window.fetch after this module loads is counted) and a few frames drawn. Exports wait for this
 * before they draw the map again.
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
/** The next animation frame (or 100 ms in a hidden tab, where frames stop). */
export const nextFrame = () =>
  new Promise<void>((r) => {
    const timer = setTimeout(r, 100)
    requestAnimationFrame(() => {
      clearTimeout(timer)
      r()
    })
  })
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

/**
 * Waits until requests and React have settled after a state change, so the live map holds the layers of
 * the new state (exports draw those layers again elsewhere: the live map need not finish drawing).
 */
export async function settleLive(ready: () => boolean = () => true, timeoutMs = 90_000) {
  const t0 = performance.now()
  await frames(2)
  for (;;) {
    await networkQuiet(300, timeoutMs)
    await frames(3)
    if ((inflight === 0 && ready()) || performance.now() - t0 > timeoutMs) return
  }
}
