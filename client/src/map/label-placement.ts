/**
 * Greedy label placement: labels in priority order, each kept when its box overlaps no kept box. Boxes are
 * measured in Web Mercator pixels at `zoom`, so the result depends on the zoom only (not on panning).
 */
export interface LabelCandidate {
  text: string
  lon: number
  lat: number
  /** higher first */
  priority: number
}

const TILE = 512

function project(lon: number, lat: number, zoom: number): [number, number] {
  const scale = TILE * 2 ** zoom
  const x = ((lon + 180) / 360) * scale
  const s = Math.sin((lat * Math.PI) / 180)
  const y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale
  return [x, y]
}

export function placeLabels<T extends LabelCandidate>(
  items: readonly T[],
  zoom: number,
  fontPx: number,
  padding = 4,
): T[] {
  const sorted = [...items].sort((a, b) => b.priority - a.priority)
  const kept: T[] = []
  const boxes: [number, number, number, number][] = []
  // A grid of 128 px buckets keeps the overlap test near-linear.
  const grid = new Map<string, number[]>()
  const cell = 128
  for (const item of sorted) {
    const [x, y] = project(item.lon, item.lat, zoom)
    const w = item.text.length * fontPx * 0.58 + padding * 2
    const h = fontPx * 1.3 + padding * 2
    const box: [number, number, number, number] = [x - w / 2, y - h / 2, x + w / 2, y + h / 2]
    const cx0 = Math.floor(box[0] / cell)
    const cx1 = Math.floor(box[2] / cell)
    const cy0 = Math.floor(box[1] / cell)
    const cy1 = Math.floor(box[3] / cell)
    let clash = false
    for (let cx = cx0; cx <= cx1 && !clash; cx++) {
      for (let cy = cy0; cy <= cy1 && !clash; cy++) {
        for (const i of grid.get(`${cx}:${cy}`) ?? []) {
          const b = boxes[i]
          if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) {
            clash = true
            break
          }
        }
      }
    }
    if (clash) continue
    const idx = boxes.push(box) - 1
    kept.push(item)
    for (let cx = cx0; cx <= cx1; cx++)
      for (let cy = cy0; cy <= cy1; cy++) {
        const key = `${cx}:${cy}`
        const list = grid.get(key)
        if (list) list.push(idx)
        else grid.set(key, [idx])
      }
  }
  return kept
}
