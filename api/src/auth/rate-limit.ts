/**
 * Sign-in throttling: after `maxFailures` failures for the same user name or address within `windowMs`,
 * further attempts are refused until `lockMs` has passed (429 with Retry-After). In memory: one process.
 */
export class SignInLimiter {
  private failures = new Map<string, { count: number; first: number; lockedUntil: number }>()

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 15 * 60_000,
  ) {}

  /** Seconds to wait before trying again, or 0. */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0
    for (const k of keys) {
      const f = this.failures.get(k)
      if (f && f.lockedUntil > now) wait = Math.max(wait, Math.ceil((f.lockedUntil - now) / 1000))
    }
    return wait
  }

  fail(keys: string[], now = Date.now()): void {
    for (const k of keys) {
      const f = this.failures.get(k)
      const entry = !f || now - f.first > this.windowMs ? { count: 0, first: now, lockedUntil: 0 } : f
      entry.count++
      if (entry.count >= this.maxFailures) entry.lockedUntil = now + this.lockMs
      this.failures.set(k, entry)
    }
    if (this.failures.size > 10_000) this.failures.clear()
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k)
  }
}
