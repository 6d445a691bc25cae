/**
 * Seeded pseudo-random numbers, so permutation p-values are reproducible.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear
 * pseudorandom number generators"; reference C at prng.di.unimi.it), 128-bit
 * state, period 2^128 − 1. The state is filled from the 32-bit seed by a
 * splitmix-style sequence (golden-ratio increments) passed through the
 * MurmurHash3 fmix32 finaliser (Appleby), so nearby seeds give unrelated streams.
 */

export interface Rng {
  /** Uniform in [0, 1) with 53 random bits. */
  next(): number
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number
  /** Uniform integer in [0, n), unbiased (rejection sampling); 1 ≤ n ≤ 2^32. */
  int(n: number): number
}

function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** Raw xoshiro128** over an explicit state (4 × uint32, not all zero). */
export function xoshiro128ss(state: readonly [number, number, number, number]): () => number {
  let s0 = state[0] >>> 0
  let s1 = state[1] >>> 0
  let s2 = state[2] >>> 0
  let s3 = state[3] >>> 0
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero')
  return () => {
    const m = Math.imul(s1, 5)
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0
    const t = s1 << 9
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 11) | (s3 >>> 21)
    return result
  }
}

const TWO_POW_32 = 4294967296

/** A generator seeded by any number (its low 32 bits after truncation are used). */
export function createRng(seed: number): Rng {
  const base = Math.trunc(seed) >>> 0
  const st: [number, number, number, number] = [0, 0, 0, 0]
  for (let k = 0; k < 4; k++) st[k] = fmix32((base + Math.imul(k + 1, 0x9e3779b9)) >>> 0)
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[0] = 1
  const raw = xoshiro128ss(st)
  return {
    nextUint32: raw,
    next() {
      // 27 + 26 bits → a double in [0, 1), as in the reference "to double" recipe.
      return ((raw() >>> 5) * 67108864 + (raw() >>> 6)) / 9007199254740992
    },
    int(n: number) {
      if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32)) {
        throw new RangeError(`int(n) needs an integer 1 ≤ n ≤ 2^32, got ${n}`)
      }
      // Reject the top sliver of [0, 2^32) that would make u % n biased.
      const limit = TWO_POW_32 - (TWO_POW_32 % n)
      let u = raw()
      while (u >= limit) u = raw()
      return u % n
    },
  }
}

/**
 * In-place partial Fisher–Yates (Durstenfeld 1964): after the call the first
 * k entries of `arr` are a uniform random sample without replacement of its
 * entries, in random order. Works from any starting order, so a caller may
 * reuse the same array across draws without resetting it.
 */
export function partialShuffle<T>(arr: { length: number; [i: number]: T }, k: number, rng: Rng): void {
  const n = arr.length
  if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw new RangeError(`k must be in [0, ${n}], got ${k}`)
  for (let i = 0; i < k && i < n - 1; i++) {
    const j = i + rng.int(n - i)
    const tmp = arr[i]
    arr[i] = arr[j]
    arr[j] = tmp
  }
}

/** k distinct integers drawn uniformly from [0, n), in random order. */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng): Int32Array {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`)
  const pool = new Int32Array(n)
  for (let i = 0; i < n; i++) pool[i] = i
  partialShuffle(pool, k, rng)
  return pool.slice(0, k)
}
