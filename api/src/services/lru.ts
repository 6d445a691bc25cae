/** A small least-recently-used map bounded by its number of entries and, optionally, their weight. */
export class Lru<K, V> {
  private map = new Map<K, V>()
  private weight = 0
  /** At most `max` entries and, when `weigh` is given, at most `maxWeight` in all. */
  constructor(
    private readonly max: number,
    private readonly weigh: (value: V) => number = () => 0,
    private readonly maxWeight = Number.POSITIVE_INFINITY,
  ) {}

  get(key: K): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) {
      this.map.delete(key)
      this.map.set(key, v)
    }
    return v
  }

  set(key: K, value: V): void {
    this.delete(key)
    const w = this.weigh(value)
    if (w > this.maxWeight) return
    this.map.set(key, value)
    this.weight += w
    for (const [oldest] of this.map) {
      if (this.map.size <= this.max && this.weight <= this.maxWeight) break
      this.delete(oldest)
    }
  }

  private delete(key: K): void {
    const old = this.map.get(key)
    if (old === undefined) return
    this.map.delete(key)
    this.weight -= this.weigh(old)
  }

  clear(): void {
    this.map.clear()
    this.weight = 0
  }
}
