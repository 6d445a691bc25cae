/** Panels drawn over the map, whose area a fit must leave free. */
const OVER_MAP = {
  right: '[data-testid="detail-panel"], .detail.panel-error',
  bottom: '.main .ranking',
}

type Box = Pick<DOMRect, 'top' | 'right' | 'bottom' | 'left' | 'width' | 'height'>

/**
 * The padding for a camera fit inside `map`: a margin on every side, plus the part covered by a panel on
 * the right and one along the bottom (a hidden panel, of zero size, covers nothing).
 */
export function paddingAround(map: Box, right: Box | undefined, bottom: Box | undefined, margin = 36) {
  const pad = { top: margin, right: margin, bottom: margin, left: margin }
  if (right && right.width > 0) pad.right += Math.max(0, map.right - right.left)
  if (bottom && bottom.height > 0) pad.bottom += Math.max(0, map.bottom - bottom.top)
  return pad
}

/**
 * The part of the map's box covered by the panels floating over it, plus a margin: the padding for a camera
 * fit, so that what is fitted lands where it can be seen.
 */
export function panelPadding(map: HTMLElement, margin = 36) {
  return paddingAround(
    map.getBoundingClientRect(),
    document.querySelector(OVER_MAP.right)?.getBoundingClientRect(),
    document.querySelector(OVER_MAP.bottom)?.getBoundingClientRect(),
    margin,
  )
}
