import type { CommuneProps, MetricsRow } from '@antt/contract'
import { area } from '@turf/area'
import { polygon } from '@turf/helpers'
import { pointOnFeature } from '@turf/point-on-feature'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { useEffect, useMemo, useRef } from 'react'
import { useMay } from '../api/client.ts'
import {
  useBorderBelt,
  useBorderFeatures,
  useCommunes,
  useCommunes2008,
  useHealth,
  useIncidentHexagons,
  useMapMetrics,
  useModelPoints,
  useProvince,
  useTaxonomies,
  useVillageIncidentCounts,
  useVillagePoints,
  useVillages,
} from '../api/hooks.ts'
import { isIncidentRate } from '../metrics/catalog.ts'
import { usePlan } from '../plans/plan-store.ts'
import { useShownPlan } from '../plans/plan-view.ts'
import type { StandardModel } from '../standard/standard-model.ts'
import { useStandardModel } from '../standard/use-standard-model.ts'
import type { AtlasState } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import { type AnalyticsLayers, useAnalyticsLayers } from './analytics-layers.ts'
import { type LayerSpec, layerSpec } from './atlas-map.ts'
import { BASEMAP_IDS } from './basemap-style.ts'
import { colorOf } from './class-scale.ts'
import { CATEGORICAL, NO_DATA_FILL, type Rgba, rgba } from './colors.ts'
import { hexClasses, hexFill, hexResolution, weightedVillages } from './density-classes.ts'
import { placeLabels } from './label-placement.ts'
import { areaClassLayers } from './layers/area-classes.ts'
import { borderBeltLayer } from './layers/border-belt.ts'
import { borderFeaturesLayer } from './layers/border-features.ts'
import { choroplethLayer } from './layers/choropleth.ts'
import { communes2008Layer } from './layers/communes-2008.ts'
import { type DensityCell, incidentDensityLayer } from './layers/incident-density.ts'
import { planSitesLayers } from './layers/plan-sites.ts'
import { securityModelLayers } from './layers/security-models.ts'
import { smallNumbersLayer } from './layers/small-numbers.ts'
import { standardLayer } from './layers/standard.ts'
import { unitHighlightLayer } from './layers/unit-highlight.ts'
import { type UnitLabel, unitLabelsLayer } from './layers/unit-labels.ts'
import { mapRef } from './map-ref.ts'
import { panelPadding } from './panel-padding.ts'
import { useClassScale } from './use-class-scale.ts'

/** The largest polygon of a multipolygon (a province's mainland, not its islands far offshore). */
function largestPart(f: Feature<Polygon | MultiPolygon>): Feature<Polygon | MultiPolygon> {
  if (f.geometry.type === 'Polygon' || f.geometry.coordinates.length < 2) return f
  let best = f.geometry.coordinates[0]
  let bestArea = 0
  for (const coords of f.geometry.coordinates) {
    const a = area(polygon(coords))
    if (a > bestArea) [best, bestArea] = [coords, a]
  }
  return polygon(best)
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
      const [lon, lat] = pointOnFeature(largestPart(f)).geometry.coordinates
      return { code: f.properties.code, name: f.properties.name, lon, lat, area: area(f) }
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
  /** the standard-set layer's classes (tooltips) */
  standard: StandardModel | null
  /** the incident density (hexagons or heat map) is waiting for its data */
  densityLoading: boolean
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
  const provinces = useProvince().data
  const provinceLevel = level === 'province'
  const neighbours = useHealth().data?.area?.neighbours
  const villageLevel = level === 'village'
  const villages = useVillages(villageLevel, drill).data
  // A village chosen where its outline is not loaded (a link opened at commune level, or drilled into
  // another commune) brings its commune's outlines, so the map can show the village itself.
  const selectedCommune = selected?.includes('-') ? selected.slice(0, 5) : null
  const villageShown = villageLevel && (drill === null || drill === selectedCommune)
  const selectionVillages = useVillages(selectedCommune !== null && !villageShown, selectedCommune).data
  const metrics = useMapMetrics().data
  const scale = useClassScale(metrics?.rows, classification)
  const hexes = useIncidentHexagons(layers.incidents.on && density === 'hex', hexResolution(zoom))
  // The heat map, and the hexagons when the API cannot make them, weigh village points by their counts.
  const needVillageCounts = layers.incidents.on && (density === 'heatmap' || Boolean(hexes.error))
  const villageCounts = useVillageIncidentCounts(needVillageCounts)
  const plan = usePlan((p) =>
    state.analytics.table !== 'plan' ? null : p.goal === 'cover' ? p.cover : p.result,
  )
  // a plan a saved view brought (its sites frozen with their places), unless the planner's own is shown
  const savedPlan = useShownPlan()
  const villagePoints = useVillagePoints(
    (layers.labels.on && (zoom >= 11 || drill !== null)) || needVillageCounts || plan !== null,
  ).data
  const belt = useBorderBelt(layers.border_belt.on)
  const communes2008 = useCommunes2008(layers.communes_2008.on)
  const features = useBorderFeatures(layers.border_features.on)
  // a shared address may switch on the models for a role that may not read them: not asked for then
  const mayReadModels = useMay('read_records')
  const models = useModelPoints(layers.models.on && mayReadModels === true, drill)
  const typeColors = useTypeColors()

  // The analyses and the standard set run on communes or villages; the thematic map may also show provinces.
  const analysisUnits = villageLevel ? villages : communes
  const units = provinceLevel ? provinces : analysisUnits
  const analytics = useAnalyticsLayers(analysisUnits)
  const standard = useStandardModel()
  const standardFill = useMemo(
    () => new Map([...(standard.model?.colorByCode ?? [])].map(([code, hex]) => [code, rgba(hex, 235)])),
    [standard.model],
  )
  const rowsByCode = useMemo(() => new Map((metrics?.rows ?? []).map((r) => [r.code, r])), [metrics])

  const unitFeatures = useMemo(() => {
    const m = new Map<string, Feature>()
    for (const f of provinces?.features ?? []) m.set(f.properties.code, f)
    for (const f of communes?.features ?? []) m.set(f.properties.code, f)
    for (const f of selectionVillages?.features ?? []) m.set(f.properties.code, f)
    for (const f of villages?.features ?? []) m.set(f.properties.code, f)
    return m
  }, [provinces, communes, villages, selectionVillages])

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

  const hex = useMemo(
    () => hexClasses((hexes.data?.features ?? []).map((f) => (f.properties.count ?? null) as number | null)),
    [hexes.data],
  )
  const fillOfHex = useMemo(() => (count: number | null) => hexFill(hex, count), [hex])
  const villageWeights = useMemo(
    (): DensityCell[] =>
      villagePoints && villageCounts.data
        ? weightedVillages(
            villagePoints.features.map((f) => ({
              code: f.properties.code,
              lon: f.geometry.coordinates[0],
              lat: f.geometry.coordinates[1],
            })),
            villageCounts.data.rows,
          )
        : [],
    [villagePoints, villageCounts.data],
  )

  const zoomBucket = Math.round(zoom * 4) / 4
  const labels = useMemo((): UnitLabel[] => {
    if (!communes) return []
    // Provinces mapped: their names, before any commune's.
    const provinceLabels: UnitLabel[] =
      provinceLevel && provinces
        ? labelPoints(provinces).map((p) => ({
            text: p.name,
            lon: p.lon,
            lat: p.lat,
            priority: (p.code === selected ? 1e16 : 1e15) + p.area,
            kind: 'province' as const,
          }))
        : []
    const communeLabels = (provinceLevel ? [] : labelPoints(communes)).map((p) => ({
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
    // The neighbouring provinces' names, placed before everything (they sit outside the area); then communes;
    // villages fill the gaps.
    const neighbourLabels: UnitLabel[] = (neighbours ?? []).map((n) => ({
      text: n.name,
      lon: n.label[0],
      lat: n.label[1],
      priority: 1e14,
      kind: 'neighbour' as const,
    }))
    const placedCommunes = placeLabels(communeLabels, zoomBucket, 14)
    const placed = placeLabels(
      [
        ...provinceLabels,
        ...neighbourLabels,
        ...placedCommunes.map((l) => ({ ...l, priority: l.priority + 1e13 })),
        ...villageLabels,
      ],
      zoomBucket,
      13,
    )
    return placed
  }, [communes, provinces, provinceLevel, villagePoints, zoomBucket, drill, selected, neighbours])

  const specs: LayerSpec[] = []
  const on = (id: keyof AtlasState['layers']) => layers[id].on
  if (on('choropleth') && units) {
    specs.push(
      layerSpec('choropleth', choroplethLayer, {
        id: 'choropleth',
        units,
        fillByCode: fill,
        colorKey,
        opacity: layers.choropleth.opacity,
        beforeId: BASEMAP_IDS.communeLines,
      }),
    )
  }
  // Small numbers are marked while an incident rate is mapped, raw or smoothed (the API flags them).
  const smallMarks = useMemo(() => {
    if (!units || !metrics || !isIncidentRate(classification.metric)) return []
    const flagged = new Set(metrics.rows.filter((r) => r.incident_rate_flagged).map((r) => r.code))
    return labelPoints(units).filter((p) => flagged.has(p.code))
  }, [units, metrics, classification.metric])
  if (on('choropleth') && smallMarks.length) {
    specs.push(
      layerSpec('small_numbers', smallNumbersLayer, {
        id: 'small-numbers',
        marks: smallMarks,
        opacity: layers.choropleth.opacity,
      }),
    )
  }
  specs.push(...analytics.specs)
  if (on('standard') && analysisUnits && standard.model) {
    specs.push(
      layerSpec('standard', standardLayer, {
        id: 'standard',
        units: analysisUnits,
        fillByCode: standardFill,
        colorKey: standard.model.key,
        opacity: layers.standard.opacity,
        beforeId: BASEMAP_IDS.communeLines,
      }),
    )
  }
  if (on('area_classes') && communes) {
    specs.push(
      layerSpec('area_classes', areaClassLayers, {
        id: 'area-classes',
        communes,
        opacity: layers.area_classes.opacity,
      }),
    )
  }
  if (on('border_belt') && belt.data) {
    specs.push(
      layerSpec('border_belt', borderBeltLayer, {
        id: 'border-belt',
        belt: belt.data,
        opacity: layers.border_belt.opacity,
        beforeId: BASEMAP_IDS.provinceLine,
      }),
    )
  }
  if (on('communes_2008') && communes2008.data) {
    specs.push(
      layerSpec('communes_2008', communes2008Layer, {
        id: 'communes-2008',
        communes: communes2008.data,
        opacity: layers.communes_2008.opacity,
      }),
    )
  }
  if (on('incidents')) {
    specs.push(
      layerSpec('incidents', incidentDensityLayer, {
        id: 'incidents',
        mode: density,
        hexagons: density === 'hex' ? (hexes.data ?? null) : null,
        points: villageWeights,
        fillOf: fillOfHex,
        colorKey: hex.breaks.join(','),
        opacity: layers.incidents.opacity,
      }),
    )
  }
  const selectedFeature = selected ? (unitFeatures.get(selected) ?? null) : null
  const hoveredFeature = hoveredCode ? (unitFeatures.get(hoveredCode) ?? null) : null
  specs.push(
    layerSpec('highlight', unitHighlightLayer, {
      id: 'unit-highlight',
      selected: selectedFeature,
      hovered: hoveredFeature,
    }),
  )
  if (on('models') && models.data) {
    specs.push(
      layerSpec('models', securityModelLayers, {
        id: 'models',
        models: models.data.features,
        typeColors,
        opacity: layers.models.opacity,
        zoom: Math.round(zoom * 2) / 2,
      }),
    )
  }
  if (on('border_features') && features.data) {
    specs.push(
      layerSpec('border_features', borderFeaturesLayer, {
        id: 'border-features',
        features: features.data,
        opacity: layers.border_features.opacity,
      }),
    )
  }
  if (on('labels') && fontReady && labels.length) {
    specs.push(
      layerSpec('labels', unitLabelsLayer, {
        id: 'labels',
        labels,
        opacity: layers.labels.opacity,
        fontFamily,
      }),
    )
  }

  const planPoints = useMemo(() => {
    if (!plan && savedPlan)
      return { sites: savedPlan.sites.map(({ rank, lon, lat }) => ({ rank, lon, lat })), covered: [] }
    if (!plan || !villagePoints) return null
    const at = new Map(villagePoints.features.map((f) => [f.properties.code, f.geometry.coordinates]))
    const sites = plan.selected.flatMap((s) => {
      const c = at.get(s.code)
      return c ? [{ rank: s.rank, lon: c[0], lat: c[1] }] : []
    })
    const covered = [...new Set(plan.selected.flatMap((s) => s.covers))].flatMap((code) => {
      const c = at.get(code)
      return c ? [{ lon: c[0], lat: c[1] }] : []
    })
    return { sites, covered }
  }, [plan, savedPlan, villagePoints])
  // A new plan brings all its proposed sites into the free part of the map, once.
  const framed = useRef<unknown>(null)
  useEffect(() => {
    const map = mapRef.current
    if (!plan || !planPoints?.sites.length || !map || framed.current === plan) return
    framed.current = plan
    const lons = planPoints.sites.map((p) => p.lon)
    const lats = planPoints.sites.map((p) => p.lat)
    map.showBounds(
      [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
      panelPadding(map.element),
    )
  }, [plan, planPoints])
  if (planPoints && fontReady) {
    specs.push(layerSpec('plan', planSitesLayers, { id: 'plan-sites', ...planPoints, fontFamily }))
  }

  const unavailable = new Set<string>()
  if (belt.error) unavailable.add('border_belt')
  if (communes2008.error) unavailable.add('communes_2008')
  if (features.error) unavailable.add('border_features')
  if (models.error) unavailable.add('models')
  if (standard.error) unavailable.add('standard')
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
    standard: standard.model,
    densityLoading:
      layers.incidents.on && (needVillageCounts ? villageCounts.loading || !villagePoints : hexes.loading),
  }
}
