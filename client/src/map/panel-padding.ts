/** Panels drawn over the map, whose area a fit must leave free. */
const OVER_MAP = {
  right: '[data-testid="detail-panel"], .detail.panel-error',
  bottom: '.main .ranking',
}

/**
 * The part of the map's box covered by the panels floating over it, plus a margin: the padding for a camera
 * fit, so that what is fitted lands where it can be seen.
 */
export function panelPadding(map: HTMLElement, margin = 36) {
  const box = map.getBoundingClientRect()
  const pad = { top: margin, right: margin, bottom: margin, left: margin }
  const right = document.querySelector(OVER_MAP.right)?.getBoundingClientRect()
  if (right && right.width > 0) pad.right += Math.max(0, box.right - right.left)
  const bottom = document.querySelector(OVER_MAP.bottom)?.getBoundingClientRect()
  if (bottom && bottom.height > 0) pad.bottom += Math.max(0, box.bottom - bottom.top)
  return pad
}
