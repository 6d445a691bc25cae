/**
 * Sign-in throttling, counted per user name and per client address separately. After `userLimit` failures
 * for one user name within `windowMs`, that name is refused until `lockMs` has passed; after `addressLimit`
 * failures from one address (higher: an office behind one address has many users, and a guesser trying
 * many names is caught by it), that address is. Either gives 429 with Retry-After. In memory: one process.
 */
export interface SignInKeys {
  user: string
  address: string
}

type Entry = { count: number; first: number; lockedUntil: number }

export class SignInLimiter {
  private failures = new Map<string, Entry>()

  constructor(
    private readonly userLimit = 5,
    private readonly addressLimit = 20,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 15 * 60_000,
  ) {}

  private counters(keys: SignInKeys): [string, number][] {
    return [
      [`user:${keys.user}`, this.userLimit],
      [`address:${keys.address}`, this.addressLimit],
    ]
  }

  /** Seconds to wait before trying again, or 0. */
  retryAfter(keys: SignInKeys, now = Date.now()): number {
    let wait = 0
    for (const [k] of this.counters(keys)) {
      const f = this.failures.get(k)
      if (f && f.lockedUntil > now) wait = Math.max(wait, Math.ceil((f.lockedUntil - now) / 1000))
    }
    return wait
  }

  fail(keys: SignInKeys, now = Date.now()): void {
    for (const [k, limit] of this.counters(keys)) {
      const f = this.failures.get(k)
      const entry = !f || now - f.first > this.windowMs ? { count: 0, first: now, lockedUntil: 0 } : f
      entry.count++
      if (entry.count >= limit) entry.lockedUntil = now + this.lockMs
      this.failures.set(k, entry)
    }
    if (this.failures.size > 10_000) this.failures.clear()
  }

  /** A successful sign-in clears its user name's failures; the address keeps its count. */
  succeed(keys: SignInKeys): void {
    this.failures.delete(`user:${keys.user}`)
  }
}
