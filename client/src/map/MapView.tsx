import type { PickingInfo } from '@deck.gl/core'
import * as turf from '@turf/turf'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { useEffect, useMemo, useRef, useState } from 'react'
import { isAnalyticsLayer } from '../analytics/use-analytics-layers.ts'
import { useBorderLine, useHealth, useProvince, useTaxonomies } from '../api/hooks.ts'
import type { MetricsRow } from '../api/types.ts'
import { useI18n } from '../i18n/use-i18n.ts'
import { formatMetric } from '../metrics/format-metric.ts'
import { publishLegendData } from '../panels/use-legend-data.ts'
import { store, update, useAtlas } from '../state/store.ts'
import { AtlasMap } from './atlas-map.ts'
import { BASEMAP_IDS, PROBE_TILE } from './basemap-style.ts'
import { LABEL_FONT, labelFontReady } from './fonts.ts'
import { mapRef, onExternalHover } from './map-ref.ts'
import { useLayerSpecs } from './use-layer-specs.ts'

/** Lào Cai's extent, used until the province outline has loaded. */
const PROVINCE_BOUNDS: [number, number, number, number] = [103.52, 21.3, 105.1, 22.87]

interface Hover {
  x: number
  y: number
  title: string
  lines: string[]
  code?: string
}

export function MapView() {
  const i18n = useI18n()
  const { t } = i18n
  const container = useRef<HTMLDivElement>(null)
  const [atlas, setAtlas] = useState<AtlasMap | null>(null)
  const [zoom, setZoom] = useState(8)
  const [fontReady, setFontReady] = useState(false)
  const [hover, setHover] = useState<Hover | null>(null)
  const [externalHover, setExternalHover] = useState<string | null>(null)
  const camera = useAtlas((s) => s.camera)
  const layers = useAtlas((s) => s.layers)
  const metric = useAtlas((s) => s.classification.metric)
  const province = useProvince().data
  const demo = useHealth().data?.demo
  const tax = useTaxonomies().data
  const border = useBorderLine(true)
  const data = useLayerSpecs(zoom, fontReady, hover?.code ?? externalHover, LABEL_FONT)

  // Vector tiles for the basemap when the API serves them, else GeoJSON.
  const [tiles, setTiles] = useState<boolean | null>(null)
  useEffect(() => {
    fetch(PROBE_TILE).then(
      (r) => setTiles(r.ok),
      () => setTiles(false),
    )
  }, [])

  // Create the map once.
  useEffect(() => {
    if (!container.current || tiles === null) return
    const cam = store.get().camera
    const m = new AtlasMap(
      container.current,
      cam
        ? { center: [cam.lon, cam.lat], zoom: cam.zoom }
        : { bounds: [PROVINCE_BOUNDS.slice(0, 2), PROVINCE_BOUNDS.slice(2)] as never },
      {
        onCamera: (c) => update({ camera: c }),
        onZoom: (z) => setZoom(z),
        onHover: (info) => handlers.current.hover(info),
        onClick: (info) => handlers.current.click(info),
      },
      { tiles },
    )
    mapRef.current = m
    setAtlas(m)
    setZoom(m.zoom())
    labelFontReady().then(() => setFontReady(true))
    const ro = new ResizeObserver(() => m.resize())
    ro.observe(container.current)
    return () => {
      ro.disconnect()
      mapRef.current = null
      m.destroy()
    }
  }, [tiles])

  useEffect(() => onExternalHover(setExternalHover), [])

  // Camera restored from the address (back button, pasted link).
  useEffect(() => {
    if (atlas && camera) atlas.jumpTo(camera)
  }, [atlas, camera])

  // The home view: the province, or the communes a scoped user may see (one for a commune steward)
  // when they cover clearly less of it.
  const home = useMemo(() => {
    if (!province) return null
    const whole = turf.bbox(province) as [number, number, number, number]
    if (!data.communes?.features.length) return whole
    const mine = turf.bbox(data.communes) as [number, number, number, number]
    const smaller =
      mine[2] - mine[0] < 0.9 * (whole[2] - whole[0]) || mine[3] - mine[1] < 0.9 * (whole[3] - whole[1])
    return smaller ? mine : whole
  }, [data.communes, province])
  const fitHome = (animate: boolean) => home && atlas?.fitBounds(home, { padding: 16, maxZoom: 12, animate })

  // Basemap data.
  useEffect(() => {
    if (!atlas || !province) return
    atlas.setSourceData('province', province)
    const outline = province.features[0] as Feature<Polygon | MultiPolygon> | undefined
    if (outline)
      atlas.setSourceData('mask', turf.featureCollection([turf.mask(outline)]) as FeatureCollection)
  }, [atlas, province])
  useEffect(() => {
    if (atlas && data.communes) atlas.setSourceData('communes', data.communes)
  }, [atlas, data.communes])
  // Opens on the home view unless the address names a camera.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the home extent is known or changes
  useEffect(() => {
    if (!store.get().camera) fitHome(false)
  }, [atlas, home])
  useEffect(() => {
    if (atlas && border.data) atlas.setSourceData('border', border.data)
  }, [atlas, border.data])
  useEffect(() => {
    if (!atlas) return
    atlas.setBasemapLayer(BASEMAP_IDS.borderLine, layers.border_line.on, layers.border_line.opacity)
    atlas.setBasemapLayer(BASEMAP_IDS.borderCasing, layers.border_line.on, layers.border_line.opacity)
  }, [atlas, layers.border_line])

  // Panels fly to a unit by its code.
  useEffect(() => {
    mapRef.fitUnit = (code) => {
      const f = data.unitFeatures.get(code)
      if (f) atlas?.fitBounds(turf.bbox(f) as [number, number, number, number], { padding: 60, maxZoom: 14 })
    }
  })

  // deck.gl layers.
  useEffect(() => {
    atlas?.setLayers(data.specs)
    publishLegendData({ hexBreaks: data.hexBreaks, hexColors: data.hexColors, unavailable: data.unavailable })
  })

  // Event handlers see the latest data without re-creating the map.
  const handlers = useRef({ hover: (_: PickingInfo) => {}, click: (_: PickingInfo) => {} })
  handlers.current = {
    hover: (info) => {
      const f = info.object as Feature | undefined
      if (!f || !info.layer) return setHover(null)
      const id = info.layer.id
      const p = (f.properties ?? {}) as Record<string, unknown>
      if (id.startsWith('choropleth')) {
        const code = p.code as string
        const row = data.rowsByCode.get(code) as MetricsRow | undefined
        return setHover({
          x: info.x,
          y: info.y,
          code,
          title: (p.full_name as string) ?? (p.name as string),
          lines: [
            `${t(`metric.${metric}`)}: ${formatMetric(i18n, metric, row?.[metric] ?? null)}`,
            t('tooltip.clickHint'),
          ],
        })
      }
      if (isAnalyticsLayer(id)) {
        const text = data.analytics.tooltip(id, p.code as string, i18n)
        return setHover(text ? { x: info.x, y: info.y, code: p.code as string, ...text } : null)
      }
      if (id.startsWith('models')) {
        const type = i18n.name(
          tax?.model_types.find((x) => x.code === p.type_code),
          p.type_code as string,
        )
        const rating = p.last_rating
          ? i18n.name(
              tax?.ratings.find((x) => x.code === p.last_rating),
              p.last_rating as string,
            )
          : t('detail.never')
        return setHover({
          x: info.x,
          y: info.y,
          title: (p.name as string) ?? type,
          lines: [
            type,
            `${t('detail.status')}: ${t(`status.${p.status as 'active'}`)}`,
            `${t('detail.lastRating')}: ${rating}${p.evaluation_overdue ? ` (${t('detail.overdue')})` : ''}`,
          ],
        })
      }
      if (id.startsWith('border-features')) {
        return setHover({
          x: info.x,
          y: info.y,
          title: (p.name as string) ?? '',
          lines: [t(`legend.kind.${p.kind as 'post'}`)],
        })
      }
      if (id.startsWith('incidents')) {
        const count =
          (p.count as number | null | undefined) ?? (info.object as { colorValue?: number }).colorValue
        return setHover({
          x: info.x,
          y: info.y,
          title: t('layer.incidents'),
          lines: [
            count === null || count === undefined
              ? t('density.suppressed', { n: 3 })
              : `${i18n.fmt.integer(count)}`,
          ],
        })
      }
      setHover(null)
    },
    click: (info) => {
      const f = info.object as Feature | undefined
      const code = (f?.properties as { code?: string } | undefined)?.code
      if (code && (info.layer?.id.startsWith('choropleth') || isAnalyticsLayer(info.layer?.id ?? '')))
        update({ selected: code }, { push: true })
      else if (!f) update({ selected: null })
    },
  }

  return (
    <div className="map-wrap">
      <div ref={container} className="map" data-testid="map" />
      {hover && (
        <div className="tooltip" style={{ left: hover.x + 14, top: hover.y + 14 }} role="tooltip">
          <div className="tooltip-title">{hover.title}</div>
          {hover.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </div>
      )}
      <div className="map-source">{demo ? t('map.source') : t('map.sourceReal')}</div>
      <div className="map-controls">
        <button
          type="button"
          onClick={() => atlas?.zoomBy(1)}
          title={t('map.zoomIn')}
          aria-label={t('map.zoomIn')}
        >
          +
        </button>
        <button
          type="button"
          onClick={() => atlas?.zoomBy(-1)}
          title={t('map.zoomOut')}
          aria-label={t('map.zoomOut')}
        >
          −
        </button>
        <button type="button" className="wide" onClick={() => fitHome(true)} title={t('map.reset')}>
          ⌂
        </button>
      </div>
    </div>
  )
}

export type { FeatureCollection }
