import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon } from 'geojson'
import { areaSubtitle } from '../../i18n/area-subtitle.ts'
import { makeI18n } from '../../i18n/index.ts'
import { legendModel } from '../../legend/legend-model.ts'
import { areaBounds } from '../../map/area-bounds.ts'
import { mapRef } from '../../map/map-ref.ts'
import { store, update } from '../../state/store.ts'
import { liveBounds } from '../apply-view.ts'
import { liveSnapshot } from '../live-snapshot.tsx'
import { settleLive } from '../settle.ts'
import { atlasStateOf, type Bounds, boundsCenter, type SavedViewState, zoomToFit } from '../view-state.ts'
import type { Measure, Op, Point } from './draw-ops.ts'
import { renderOffscreenMap } from './offscreen-map.ts'
import type { PageSpec } from './page-size.ts'
import { composeSheet } from './sheet.ts'
import { layoutSheet } from './sheet-layout.ts'
import { filtersInWords, focusInWords, periodInWords } from './sheet-text.ts'

/** What one sheet shows: the screen as it is, or a saved view. */
export type SheetTarget =
  | { kind: 'screen'; title: string; subtitle: string }
  | { kind: 'view'; title: string; subtitle: string; state: SavedViewState }

export interface Sheet {
  ops: Op[]
  /** the map at the page's resolution */
  map: HTMLCanvasElement
  title: string
}

/** CSS pixels per point: maps are laid out at 96 px per inch. */
const CSS_PER_PT = 96 / 72

function rings(fc: FeatureCollection | undefined): Point[][] {
  const out: Point[][] = []
  for (const f of (fc?.features ?? []) as Feature[]) {
    const g = f.geometry
    if (g?.type === 'Polygon') out.push(...((g as Polygon).coordinates as Point[][]))
    else if (g?.type === 'MultiPolygon')
      for (const p of (g as MultiPolygon).coordinates) out.push(...(p as Point[][]))
    else if (g?.type === 'LineString') out.push(g.coordinates as Point[])
    else if (g?.type === 'MultiLineString') out.push(...((g as MultiLineString).coordinates as Point[][]))
  }
  return out
}

/**
 * Puts `target` on the screen (a saved view is applied to the store, the camera chosen so the saved
 * extent fills the page's map frame), waits for everything to load, renders the map off screen at the
 * page's resolution and composes the furniture. The caller restores the screen afterwards.
 */
export async function buildSheet(
  target: SheetTarget,
  page: PageSpec,
  measure: Measure,
  exportedBy: string | null,
): Promise<Sheet> {
  const live = mapRef.current
  if (!live) throw new Error('the map is not ready')
  const layout = layoutSheet(page)
  const cssWidth = Math.max(Math.round(layout.map.w * CSS_PER_PT), 50)
  const cssHeight = Math.max(Math.round(layout.map.h * CSS_PER_PT), 50)
  const pixelRatio = (layout.map.w * page.pxPerPt) / cssWidth

  const state = target.kind === 'view' ? atlasStateOf(target.state) : store.get()
  const bounds: Bounds =
    (target.kind === 'view' ? target.state.bounds : liveBounds()) ?? areaBounds(liveSnapshot()?.health)
  const center: [number, number] =
    target.kind === 'view' && !target.state.bounds && state.camera
      ? [state.camera.lon, state.camera.lat]
      : boundsCenter(bounds)
  const zoom =
    target.kind === 'view' && !target.state.bounds && state.camera
      ? state.camera.zoom
      : zoomToFit(bounds, cssWidth, cssHeight)
  // The live map goes to the same camera, so labels are placed for the zoom that is printed.
  update({ ...state, camera: { lon: center[0], lat: center[1], zoom } })
  live.map.jumpTo({ center, zoom })
  await settleLive(() => {
    const s = liveSnapshot()
    return Boolean(s && s.state === store.get() && !s.metricsLoading && s.meta && s.taxonomies)
  })
  const snap = liveSnapshot()!
  const shown = snap.state
  const i18n = makeI18n(shown.lang)
  const { t } = i18n

  const rendered = await renderOffscreenMap(live, { cssWidth, cssHeight, pixelRatio, center, zoom })
  const filters = [
    ...filtersInWords(i18n, shown.filters, snap.taxonomies),
    ...focusInWords(i18n, shown, snap.unitName),
  ]
  const exportedAt = new Date()
  const stamp = `${i18n.fmt.date(exportedAt.toISOString().slice(0, 10))} ${exportedAt.toTimeString().slice(0, 5)}`
  const ops = composeSheet(
    layout,
    {
      title: target.title || t('app.name'),
      subtitle: target.subtitle,
      brand: t('app.name'),
      brandSub: areaSubtitle(i18n, snap.health),
      demoNotice: snap.health?.demo || snap.meta?.demo ? 'Dữ liệu minh họa / Demo data' : null,
      legendHeading: t('panel.legend'),
      // the dashboard's legend, less what is still being computed
      legend: legendModel({ state: shown, i18n, ...snap.legend }).filter((b) => !b.pending),
      locatorHeading: t('brief.locator'),
      inset: { province: rings(snap.province), border: rings(snap.border), extent: rendered.bounds },
      northLetter: t('brief.north'),
      scale: { metresPerPt: rendered.metresPerCssPx * CSS_PER_PT, lat: rendered.centerLat },
      scaleNote: (rf, lat) =>
        rf
          ? t('brief.scaleFraction', { rf: i18n.fmt.integer(rf), lat: i18n.fmt.number(lat, 2) })
          : t('brief.scaleAt', { lat: i18n.fmt.number(lat, 2) }),
      formatNumber: (v) => i18n.fmt.number(v, 2),
      paper: page.paper !== null,
      footer: {
        period: t('brief.period', { range: periodInWords(i18n, shown, snap.meta) }),
        filters: filters.length ? t('brief.filters', { list: filters.join('; ') }) : t('brief.noFilters'),
        data: [
          snap.meta ? t('brief.dataDate', { date: i18n.fmt.date(snap.meta.data_range.to) }) : null,
          exportedBy
            ? t('brief.exportedBy', { date: stamp, who: exportedBy })
            : t('brief.exportedAt', { date: stamp }),
        ]
          .filter(Boolean)
          .join(' · '),
        sources: t('brief.sources', { list: (snap.meta?.sources ?? []).join('; ') }),
      },
    },
    measure,
  )
  return { ops, map: rendered.canvas, title: target.title }
}
