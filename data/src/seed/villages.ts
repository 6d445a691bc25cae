import { createRng, type Rng } from '@antt/analysis'
import { bbox, dist2m, type MultiPolygonCoords, pointInMultiPolygon } from './geometry.ts'
import { type VillageKind, villageNames } from './names.ts'

export interface CommuneInput {
  code: string
  type: 'xa' | 'phuong' | 'dac_khu'
  population: number
  geom: MultiPolygonCoords
}

export interface GeneratedVillage {
  code: string
  commune_code: string
  name: string
  kind: VillageKind
  population: number
  households: number
  lon: number
  lat: number
}

/** Mean residents per village: wards have larger residential groups (tổ dân phố). */
const PEOPLE_PER_VILLAGE = { phuong: 1300, xa: 720, dac_khu: 900 } as const

/** Integer split of `total` in proportion to `weights` (largest remainder), so the parts sum exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  const raw = weights.map((w) => (total * w) / sum)
  const out = raw.map(Math.floor)
  let left = total - out.reduce((a, b) => a + b, 0)
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++
  return out
}

/**
 * Points spread inside the polygon by best-candidate sampling (Mitchell 1991): of several random
 * candidates, keep the one farthest from the points already placed.
 */
function spreadPoints(rng: Rng, geom: MultiPolygonCoords, n: number): [number, number][] {
  const [x0, y0, x1, y1] = bbox(geom)
  const pts: [number, number][] = []
  const candidate = (): [number, number] => {
    for (let tries = 0; tries < 10_000; tries++) {
      const p: [number, number] = [x0 + rng.next() * (x1 - x0), y0 + rng.next() * (y1 - y0)]
      if (pointInMultiPolygon(p[0], p[1], geom)) return p
    }
    throw new Error('could not place a point inside the polygon')
  }
  while (pts.length < n) {
    let best = candidate()
    let bestD = -1
    if (pts.length > 0)
      for (let c = 0; c < 6; c++) {
        const p = c === 0 ? best : candidate()
        let d = Number.POSITIVE_INFINITY
        for (const q of pts) d = Math.min(d, dist2m(p, q))
        if (d > bestD) {
          bestD = d
          best = p
        }
      }
    pts.push(best)
  }
  return pts
}

/** Demo villages inside each real commune, populations summing to the commune's. Deterministic in `seed`. */
/** Villages a commune would have by its population, before any scaling to a requested total. */
const naturalCount = (c: CommuneInput) => c.population / PEOPLE_PER_VILLAGE[c.type]

/**
 * Villages of each commune: points spread over its polygon, populations that sum to the commune's. `target`
 * scales every commune's count so that the area has about that many (at least three per commune, at most 999).
 */
export function generateVillages(
  communes: readonly CommuneInput[],
  seed: number,
  target: number | null = null,
): GeneratedVillage[] {
  const out: GeneratedVillage[] = []
  const scale = target === null ? 1 : target / communes.reduce((s, c) => s + naturalCount(c), 0)
  for (const c of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const rng = createRng((seed * 100_003 + Number(c.code)) >>> 0)
    const n = Math.min(999, Math.max(3, Math.round(naturalCount(c) * scale)))
    const names = villageNames(rng, n, c.type === 'phuong')
    const pops = apportion(
      c.population,
      names.map(() => 0.4 + rng.next() * 1.2),
    )
    const pts = spreadPoints(rng, c.geom, n)
    names.forEach((v, i) => {
      out.push({
        code: `${c.code}-${String(i + 1).padStart(3, '0')}`,
        commune_code: c.code,
        name: v.name,
        kind: v.kind,
        population: pops[i],
        households: Math.round(pops[i] / (v.kind === 'to_dan_pho' ? 3.6 : 4.6)),
        lon: Math.round(pts[i][0] * 1e6) / 1e6,
        lat: Math.round(pts[i][1] * 1e6) / 1e6,
      })
    })
  }
  return out
}
