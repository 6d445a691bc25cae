// Seeded randomness for the demo generator (reproducible: the same SEED gives the same data).
export interface Rng {
  next(): number
}

/** mulberry32 (Tommy Ettinger, public domain): a fast 32-bit generator, plenty for demo data. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0
      let t = a
      t = Math.imul(t ^ (t >>> 15), t | 1)
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    },
  }
}
