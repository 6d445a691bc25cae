/**
 * Brings a table row into sight inside its scrolling box, below the box's sticky header: the browser's own
 * `scrollIntoView({ block: 'nearest' })` stops with the row under a sticky `<thead>`.
 */
export function scrollRowIntoView(row: Element | null | undefined) {
  if (!(row instanceof HTMLElement)) return
  const box = row.closest('.ranking-scroll')
  if (!(box instanceof HTMLElement)) return
  const head = box.querySelector('thead')?.getBoundingClientRect().height ?? 0
  const view = box.getBoundingClientRect()
  const r = row.getBoundingClientRect()
  const above = r.top - (view.top + head)
  const below = r.bottom - view.bottom
  if (above < 0) box.scrollTop += Math.floor(above)
  else if (below > 0) box.scrollTop += Math.ceil(below)
}
