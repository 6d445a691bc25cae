import type { MetricsRow } from '@antt/contract'
import type { PickingInfo } from '@deck.gl/core'
import { bbox } from '@turf/bbox'
import { featureCollection } from '@turf/helpers'
import { mask } from '@turf/mask'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useBorderLine, useHealth, useMapMetrics, useProvince, useTaxonomies } from '../api/hooks.ts'
import { isIncidentRate } from '../metrics/catalog.ts'
import { formatMetric } from '../metrics/format-metric.ts'
import { standardTooltip } from '../standard/standard-text.ts'
import { mapFocus, onExternalHover } from '../state/map-focus.ts'
import { store, update, useAtlas } from '../state/store.ts'
import { useI18n } from '../state/use-i18n.ts'
import { isAnalyticsLayer } from './analytics-layers.ts'
import { areaBounds } from './area-bounds.ts'
import { AtlasMap } from './atlas-map.ts'
import { BASEMAP_IDS, PROBE_TILE } from './basemap-style.ts'
import { publishDrawn } from './drawn.ts'
import { LABEL_FONT, labelFontReady } from './fonts.ts'
import { mapRef } from './map-ref.ts'
import { panelPadding } from './panel-padding.ts'
import { useLayerSpecs } from './use-layer-specs.ts'

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
  // whether the camera still shows the home view (false once the address, the user or a selection moved it)
  const atHome = useRef(!store.get().camera)
  const layers = useAtlas((s) => s.layers)
  const metric = useAtlas((s) => s.classification.metric)
  const selected = useAtlas((s) => s.selected)
  const level = useAtlas((s) => s.level)
  const density = useAtlas((s) => s.density)
  const classFilter = useAtlas((s) => s.filters.classes.join(','))
  const mapMetrics = useMapMetrics().data
  const province = useProvince().data
  const healthState = useHealth()
  const health = healthState.data
  const demo = health?.demo
  // The map is made on the area's extent, so that it opens on the province (a map made on the country's
  // extent was not moved by the first fit to the province); it waits for /api/health, or its failure.
  const healthKnown = health !== undefined || healthState.error !== undefined
  const firstBounds = useRef(areaBounds(health))
  firstBounds.current = areaBounds(health)
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
    if (!container.current || tiles === null || !healthKnown) return
    const cam = store.get().camera
    const m = new AtlasMap(
      container.current,
      cam
        ? { center: [cam.lon, cam.lat], zoom: cam.zoom }
        : { bounds: [firstBounds.current.slice(0, 2), firstBounds.current.slice(2)] as never },
      {
        onCamera: (c, byUser) => {
          if (byUser) atHome.current = false
          update({ camera: c })
        },
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
  }, [tiles, healthKnown])

  useEffect(() => onExternalHover(setExternalHover), [])

  // Camera restored from the address (back button, pasted link).
  useEffect(() => {
    if (atlas && camera) atlas.jumpTo(camera)
  }, [atlas, camera])

  // The home view: the province, or the communes a scoped user may see (one for a commune steward)
  // when they cover clearly less of it.
  const home = useMemo(() => {
    if (!province) return null
    const whole = bbox(province) as [number, number, number, number]
    if (!data.communes?.features.length) return whole
    const mine = bbox(data.communes) as [number, number, number, number]
    const smaller =
      mine[2] - mine[0] < 0.9 * (whole[2] - whole[0]) || mine[3] - mine[1] < 0.9 * (whole[3] - whole[1])
    return smaller ? mine : whole
  }, [data.communes, province])
  const fitHome = (animate: boolean) => home && atlas?.fitBounds(home, { padding: 16, maxZoom: 12, animate })

  // Basemap data.
  useEffect(() => {
    if (!atlas || !province) return
    atlas.setSourceData('province', province)
    // every province of the area (the whole country has 34), unioned: the mask keeps their outer rings
    if (province.features.length)
      atlas.setSourceData(
        'mask',
        featureCollection([mask(province as FeatureCollection<Polygon | MultiPolygon>)]) as FeatureCollection,
      )
  }, [atlas, province])
  useEffect(() => {
    if (atlas && data.communes) atlas.setSourceData('communes', data.communes)
  }, [atlas, data.communes])
  // Opens on the home view unless the address names a camera, and follows the home extent as it becomes
  // known (the province first, then a scoped user's communes) until the user or a selection moves the map.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the home extent is known or changes
  useEffect(() => {
    if (atHome.current) fitHome(false)
  }, [atlas, home])
  useEffect(() => {
    if (atlas && border.data) atlas.setSourceData('border', border.data)
  }, [atlas, border.data])
  // Provinces mapped: the communes' lines would hide their colours at the country's scale.
  useEffect(() => {
    atlas?.setBasemapLayer(BASEMAP_IDS.communeLines, level !== 'province')
  }, [atlas, level])
  useEffect(() => {
    if (!atlas) return
    atlas.setBasemapLayer(BASEMAP_IDS.borderLine, layers.border_line.on, layers.border_line.opacity)
    atlas.setBasemapLayer(BASEMAP_IDS.borderCasing, layers.border_line.on, layers.border_line.opacity)
  }, [atlas, layers.border_line])

  // Panels fly to a unit by its code, into the part of the map the panels leave free.
  // A village whose outline is not loaded (the map shows communes) is shown by its commune until it is;
  // the answer says whether the unit itself was shown.
  const showUnit = (code: string, reveal = false) => {
    const village = code.includes('-')
    const f = data.unitFeatures.get(code) ?? (village ? data.unitFeatures.get(code.split('-')[0]) : undefined)
    if (!f || !atlas || !container.current) return false
    atHome.current = false
    atlas.showBounds(bbox(f) as [number, number, number, number], panelPadding(container.current), {
      reveal,
      maxZoom: village ? 14 : 12,
    })
    return f.properties?.code === code
  }
  useEffect(() => {
    mapFocus.fitUnit = (code) => void showUnit(code)
    mapFocus.fitBounds = (bounds) => {
      if (!atlas || !container.current) return
      atHome.current = false
      atlas.showBounds(bounds, panelPadding(container.current), { reveal: false, maxZoom: 12 })
    }
  })

  // The selected unit is brought into view once its outline is known: fitted when it was picked in a
  // search, a table or a panel, only revealed when it was clicked on the map. A selection that came with
  // the address's camera keeps that camera.
  const focused = useRef<string | null>(store.get().camera ? store.get().selected : null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the selection or the outlines change
  useEffect(() => {
    if (!selected || focused.current === selected) return
    const reveal = mapFocus.clicked === selected
    // after the detail panel has been laid out, so its width counts
    const frame = requestAnimationFrame(() => {
      if (showUnit(selected, reveal)) focused.current = selected
    })
    return () => cancelAnimationFrame(frame)
  }, [atlas, selected, data.unitFeatures])
  useEffect(() => {
    if (!selected) focused.current = null
  }, [selected])

  // A filter of area classes zooms to the units it leaves.
  const lastClassFilter = useRef(classFilter)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filter's rows have arrived
  useEffect(() => {
    if (!atlas || !container.current || lastClassFilter.current === classFilter) return
    // only once the rows answer the new filter
    const answered = mapMetrics?.filters?.classes?.join(',') ?? ''
    if (!mapMetrics || answered !== classFilter) return
    const rows = data.rowsByCode
    const shown = [...rows.keys()].map((c) => data.unitFeatures.get(c)).filter((f) => f !== undefined)
    if (!shown.length) return
    lastClassFilter.current = classFilter
    atlas.showBounds(
      bbox(featureCollection(shown)) as [number, number, number, number],
      panelPadding(container.current),
      { maxZoom: 12 },
    )
  }, [atlas, classFilter, mapMetrics, data.rowsByCode])

  // deck.gl layers.
  useEffect(() => {
    atlas?.setLayers(data.specs)
    publishDrawn({ hexBreaks: data.hexBreaks, hexColors: data.hexColors, unavailable: data.unavailable })
  })

  // The density layer shows that it is computing: from its request until the map has drawn it.
  const [densityBusy, setDensityBusy] = useState(false)
  useEffect(() => {
    if (data.densityLoading) return setDensityBusy(true)
    if (!atlas) return
    let live = true
    atlas.map.once('idle', () => live && setDensityBusy(false))
    atlas.map.triggerRepaint()
    return () => {
      live = false
    }
  }, [atlas, data.densityLoading])

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
            ...(isIncidentRate(metric) && row?.incident_rate_flagged ? [t('tooltip.smallNumbers')] : []),
            t('tooltip.clickHint'),
          ],
        })
      }
      if (id.startsWith('standard')) {
        const row = data.standard?.rowByCode.get(p.code as string)
        if (!row) return setHover(null)
        return setHover({
          x: info.x,
          y: info.y,
          code: row.code,
          title: (p.full_name as string) ?? (p.name as string),
          lines: [...standardTooltip(i18n, row, tax), t('tooltip.clickHint')],
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
      if (id.startsWith('communes-2008')) {
        const names = ((p.new_codes as string[] | undefined) ?? []).map(
          (c) => (data.unitFeatures.get(c)?.properties as { name?: string } | undefined)?.name ?? c,
        )
        return setHover({
          x: info.x,
          y: info.y,
          title: t('tooltip.commune2008', { name: p.name as string }),
          lines: [
            t('tooltip.district2008', { district: p.district as string }),
            names.length ? t('tooltip.nowIn', { list: names.join(', ') }) : t('tooltip.nowUnknown'),
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
      const layerId = info.layer?.id ?? ''
      if (code && (layerId.startsWith('choropleth') || layerId === 'standard' || isAnalyticsLayer(layerId))) {
        mapFocus.clicked = code
        update({ selected: code }, { push: true })
      } else if (!f) update({ selected: null })
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
      {densityBusy && layers.incidents.on && (
        <div className="map-busy" role="status" data-testid="density-busy">
          <span className="spinner" aria-hidden="true" />
          {t(density === 'heatmap' ? 'density.computingHeatmap' : 'density.computing')}
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
