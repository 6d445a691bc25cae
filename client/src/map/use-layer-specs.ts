import { classBreaks, classIndex, palette } from '@antt/analysis'
import * as turf from '@turf/turf'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { useMemo } from 'react'
import { type AnalyticsLayers, useAnalyticsLayers } from '../analytics/use-analytics-layers.ts'
import {
  useBorderBelt,
  useBorderFeatures,
  useCommunes,
  useIncidentHexagons,
  useMapMetrics,
  useModelPoints,
  useTaxonomies,
  useVillageIncidentCounts,
  useVillagePoints,
  useVillages,
} from '../api/hooks.ts'
import type { CommuneProps, MetricsRow } from '../api/types.ts'
import { colorOf } from '../legend/class-scale.ts'
import { useClassScale } from '../legend/use-class-scale.ts'
import type { AtlasState } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import type { LayerSpec } from './atlas-map.ts'
import { BASEMAP_IDS } from './basemap-style.ts'
import { CATEGORICAL, NO_DATA_FILL, type Rgba, rgba } from './colors.ts'
import { placeLabels } from './label-placement.ts'
import { areaClassLayers } from './layers/area-classes.ts'
import { borderBeltLayer } from './layers/border-belt.ts'
import { borderFeaturesLayer } from './layers/border-features.ts'
import { choroplethLayer } from './layers/choropleth.ts'
import { type DensityCell, incidentDensityLayer } from './layers/incident-density.ts'
import { securityModelLayers } from './layers/security-models.ts'
import { unitHighlightLayer } from './layers/unit-highlight.ts'
import { type UnitLabel, unitLabelsLayer } from './layers/unit-labels.ts'

/** Hexagon edge for the density layer in metres, finer as the map zooms in (one request per step). */
export function hexResolution(zoom: number): number {
  return zoom >= 11 ? 500 : zoom >= 9.5 ? 1000 : 2000
}

/** Label points inside each polygon (pole of the largest part), computed once per collection. */
const labelCache = new WeakMap<
  object,
  { code: string; name: string; lon: number; lat: number; area: number }[]
>()
function labelPoints(fc: FeatureCollection<Polygon | MultiPolygon, { code: string; name: string }>) {
  let hit = labelCache.get(fc)
  if (!hit) {
    hit = fc.features.map((f) => {
      const [lon, lat] = turf.pointOnFeature(f).geometry.coordinates
      return { code: f.properties.code, name: f.properties.name, lon, lat, area: turf.area(f) }
    })
    labelCache.set(fc, hit)
  }
  return hit
}

/** Colours of model types, in taxonomy order. */
export function useTypeColors(): Map<string, string> {
  const tax = useTaxonomies().data
  return useMemo(
    () => new Map((tax?.model_types ?? []).map((t, i) => [t.code, CATEGORICAL[i % CATEGORICAL.length]])),
    [tax],
  )
}

export interface MapData {
  specs: LayerSpec[]
  communes: FeatureCollection<Polygon | MultiPolygon, CommuneProps> | undefined
  unitFeatures: Map<string, Feature>
  rowsByCode: Map<string, MetricsRow>
  unavailable: Set<string>
  hexBreaks: number[]
  hexColors: string[]
  /** tooltips of the analytics layers (hot spots, bivariate, change) */
  analytics: AnalyticsLayers
}

/** Everything drawn by deck.gl, from the view state and the loaded data. */
export function useLayerSpecs(
  zoom: number,
  fontReady: boolean,
  hoveredCode: string | null,
  fontFamily: string,
): MapData {
  const state = useAtlas((s) => s)
  const { layers, level, drill, classification, selected, density } = state
  const communes = useCommunes().data
  const villageLevel = level === 'village'
  const villages = useVillages(villageLevel, drill).data
  const metrics = useMapMetrics().data
  const scale = useClassScale(metrics?.rows, classification)
  const hexes = useIncidentHexagons(layers.incidents.on && density === 'hex', hexResolution(zoom))
  // The heat map, and the hexagons when the API cannot make them, weigh village points by their counts.
  const needVillageCounts = layers.incidents.on && (density === 'heatmap' || Boolean(hexes.error))
  const villageCounts = useVillageIncidentCounts(needVillageCounts)
  const villagePoints = useVillagePoints(
    (layers.labels.on && (zoom >= 11 || drill !== null)) || needVillageCounts,
  ).data
  const belt = useBorderBelt(layers.border_belt.on)
  const features = useBorderFeatures(layers.border_features.on)
  const models = useModelPoints(layers.models.on, drill)
  const typeColors = useTypeColors()

  const units = villageLevel ? villages : communes
  const analytics = useAnalyticsLayers(units)
  const rowsByCode = useMemo(() => new Map((metrics?.rows ?? []).map((r) => [r.code, r])), [metrics])

  const unitFeatures = useMemo(() => {
    const m = new Map<string, Feature>()
    for (const f of communes?.features ?? []) m.set(f.properties.code, f)
    for (const f of villages?.features ?? []) m.set(f.properties.code, f)
    return m
  }, [communes, villages])

  const fill = useMemo(() => {
    const m = new Map<string, Rgba>()
    if (!scale || !metrics) return m
    for (const r of metrics.rows) {
      const c = colorOf(scale, r[classification.metric])
      m.set(r.code, c ? rgba(c, 255) : NO_DATA_FILL)
    }
    return m
  }, [scale, metrics, classification.metric])
  const colorKey = `${classification.metric}|${scale?.breaks.join(',')}|${scale?.colors.join(',')}|${metrics?.period.from}|${metrics?.period.to}|${metrics?.rows.length}`

  // Hexagon classes: quantiles of the counts, YlOrRd (suppressed cells drawn light grey).
  const hex = useMemo(() => {
    const counts = (hexes.data?.features ?? []).map((f) => (f.properties.count ?? null) as number | null)
    const finite = counts.filter((c): c is number => c !== null)
    const breaks = finite.length ? classBreaks(finite, 'quantile', 5) : []
    return { breaks, colors: breaks.length ? palette('YlOrRd', Math.max(breaks.length, 1)) : [] }
  }, [hexes.data])

  const hexFill = useMemo(
    () =>
      (count: number | null): Rgba => {
        if (count === null) return [170, 170, 170, 150]
        const i = classIndex(count, hex.breaks)
        return i < 0 ? NO_DATA_FILL : rgba(hex.colors[i], 255)
      },
    [hex],
  )

  // Village incident counts (suppressed ones left out) as weighted points.
  const weightedVillages = useMemo((): DensityCell[] => {
    if (!villagePoints || !villageCounts.data) return []
    const byCode = new Map(villageCounts.data.rows.map((r) => [r.code, r.count ?? 0]))
    return villagePoints.features
      .map((f) => ({
        lon: f.geometry.coordinates[0],
        lat: f.geometry.coordinates[1],
        count: byCode.get(f.properties.code) ?? 0,
      }))
      .filter((d) => d.count > 0)
  }, [villagePoints, villageCounts.data])

  const zoomBucket = Math.round(zoom * 4) / 4
  const labels = useMemo((): UnitLabel[] => {
    if (!communes) return []
    const communeLabels = labelPoints(communes).map((p) => ({
      text: p.name,
      lon: p.lon,
      lat: p.lat,
      priority: p.code === drill || p.code === selected ? 1e12 : p.area,
      kind: 'commune' as const,
    }))
    const showVillages = zoomBucket >= 11 || drill !== null
    const villageLabels: UnitLabel[] = showVillages
      ? (villagePoints?.features ?? [])
          .filter((f) => (drill ? f.properties.commune_code === drill : zoomBucket >= 11))
          .map((f) => ({
            text: f.properties.name,
            lon: f.geometry.coordinates[0],
            lat: f.geometry.coordinates[1],
            priority: f.properties.code === selected ? 1e11 : f.properties.population,
            kind: 'village' as const,
          }))
      : []
    // Communes first; villages fill the gaps.
    const placedCommunes = placeLabels(communeLabels, zoomBucket, 14)
    const placed = placeLabels(
      [...placedCommunes.map((l) => ({ ...l, priority: l.priority + 1e13 })), ...villageLabels],
      zoomBucket,
      13,
    )
    return placed
  }, [communes, villagePoints, zoomBucket, drill, selected])

  const specs: LayerSpec[] = []
  const on = (id: keyof AtlasState['layers']) => layers[id].on
  if (on('choropleth') && units) {
    specs.push({
      id: 'choropleth',
      props: {
        id: 'choropleth',
        units,
        fillByCode: fill,
        colorKey,
        opacity: layers.choropleth.opacity,
        beforeId: BASEMAP_IDS.communeLines,
      },
      build: choroplethLayer as LayerSpec['build'],
    })
  }
  specs.push(...analytics.specs)
  if (on('area_classes') && communes) {
    specs.push({
      id: 'area_classes',
      props: { id: 'area-classes', communes, opacity: layers.area_classes.opacity },
      build: areaClassLayers as LayerSpec['build'],
    })
  }
  if (on('border_belt') && belt.data) {
    specs.push({
      id: 'border_belt',
      props: {
        id: 'border-belt',
        belt: belt.data,
        opacity: layers.border_belt.opacity,
        beforeId: BASEMAP_IDS.provinceLine,
      },
      build: borderBeltLayer as LayerSpec['build'],
    })
  }
  if (on('incidents')) {
    const useServerHex = density === 'hex' && hexes.data
    specs.push({
      id: 'incidents',
      props: {
        id: 'incidents',
        mode: density,
        hexagons: useServerHex ? hexes.data : null,
        points: weightedVillages,
        fillOf: hexFill,
        colorKey: hex.breaks.join(','),
        opacity: layers.incidents.opacity,
      },
      build: incidentDensityLayer as LayerSpec['build'],
    })
  }
  const selectedFeature = selected ? (unitFeatures.get(selected) ?? null) : null
  const hoveredFeature = hoveredCode ? (unitFeatures.get(hoveredCode) ?? null) : null
  specs.push({
    id: 'highlight',
    props: { id: 'unit-highlight', selected: selectedFeature, hovered: hoveredFeature },
    build: unitHighlightLayer as LayerSpec['build'],
  })
  if (on('models') && models.data) {
    specs.push({
      id: 'models',
      props: {
        id: 'models',
        models: models.data.features,
        typeColors,
        opacity: layers.models.opacity,
        zoom: Math.round(zoom * 2) / 2,
      },
      build: securityModelLayers as LayerSpec['build'],
    })
  }
  if (on('border_features') && features.data) {
    specs.push({
      id: 'border_features',
      props: { id: 'border-features', features: features.data, opacity: layers.border_features.opacity },
      build: borderFeaturesLayer as LayerSpec['build'],
    })
  }
  if (on('labels') && fontReady && labels.length) {
    specs.push({
      id: 'labels',
      props: { id: 'labels', labels, opacity: layers.labels.opacity, fontFamily },
      build: unitLabelsLayer as LayerSpec['build'],
    })
  }

  const unavailable = new Set<string>()
  if (belt.error) unavailable.add('border_belt')
  if (features.error) unavailable.add('border_features')
  if (models.error) unavailable.add('models')
  if (needVillageCounts && villageCounts.error) unavailable.add('incidents')
  return {
    specs,
    communes,
    unitFeatures,
    rowsByCode,
    unavailable,
    hexBreaks: hex.breaks,
    hexColors: hex.colors,
    analytics,
  }
}
