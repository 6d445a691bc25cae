import type {
  BorderFeatureProps,
  Commune2008Props,
  CommuneProps,
  DensityRows,
  Health,
  Meta,
  MetricsResult,
  ModelPointProps,
  ProvinceProps,
  SearchHit,
  Taxonomies,
  UnitDetail,
  VillageProps,
} from '@antt/contract'
import type {
  FeatureCollection,
  Geometry,
  LineString,
  MultiLineString,
  MultiPolygon,
  Point,
  Polygon,
} from 'geojson'
import { type AtlasState, isProvinceCode, type MapLevel } from '../state/atlas-state.ts'
import { useAtlas } from '../state/store.ts'
import { filterParams, type Loadable, qs, useApi, useMay } from './client.ts'

// GeoJSON answers: the geometry typed for the map, the properties from the contract.
export type UnitCollection<P> = FeatureCollection<Polygon | MultiPolygon, P>
export type ModelPoints = FeatureCollection<Point, ModelPointProps>
export type BorderLine = FeatureCollection<LineString | MultiLineString>
export type BorderBelt = FeatureCollection<Polygon | MultiPolygon>
export type BorderFeatures = FeatureCollection<Point, BorderFeatureProps>
export type IncidentDensity = FeatureCollection<Geometry, { count?: number | null; suppressed?: boolean }>

/** Douglas–Peucker tolerance for drawn boundaries, in degrees (≈ 30 m). */
const SIMPLIFY = 0.0003

export const useHealth = () => useApi<Health>('/api/health')
export const useMeta = () => useApi<Meta>('/api/meta')
export const useTaxonomies = () => useApi<Taxonomies>('/api/meta/taxonomies')

/** The provinces of the area in force (34 in national mode), outlines for the map and its mask. */
export const useProvince = () =>
  useApi<UnitCollection<ProvinceProps>>(`/api/units?level=province&simplify=${SIMPLIFY}`)

/** The atlas serves more than one province (the whole country): provinces are a level of their own. */
export const useNational = (): boolean => (useHealth().data?.area.provinces.length ?? 1) > 1
export const useCommunes = () =>
  useApi<UnitCollection<CommuneProps>>(
    `/api/units?level=commune&simplify=${SIMPLIFY}&properties=code,name,full_name,type,population,area_km2,area_classes`,
  )

/** The 164 communes of 2008, outlines only, for reading old reports against today's map. */
export const useCommunes2008 = (enabled: boolean) =>
  useApi<UnitCollection<Commune2008Props>>(
    enabled
      ? `/api/units?level=commune_2008&simplify=${SIMPLIFY}&properties=code,name,district,population,new_codes`
      : null,
  )

/** Village polygons: one commune's when drilled, else all (only requested when villages are mapped). */
export function useVillages(enabled: boolean, commune: string | null) {
  return useApi<UnitCollection<VillageProps>>(
    enabled
      ? `/api/units${qs({ level: 'village', simplify: 0.0002, properties: ['code', 'name', 'commune_code', 'kind'], commune })}`
      : null,
  )
}

/** Village points for labels (name and commune). */
export function useVillagePoints(enabled: boolean) {
  return useApi<
    FeatureCollection<Point, { code: string; name: string; commune_code: string; population: number }>
  >(enabled ? '/api/units?level=village&geometry=point&properties=code,name,commune_code,population' : null)
}

/** The filters of a metrics request, and the what-if scenario it is computed under (null: actual). */
type FilterState = Pick<AtlasState, 'from' | 'to' | 'filters'> & { scenario?: number | null }

export function metricsUrl(level: MapLevel, s: FilterState, commune?: string | null): string {
  return `/api/metrics${qs({ level, ...filterParams(s, s.filters), commune, scenario: s.scenario })}`
}

/** The period, filters and scenario in force, as a metrics request takes them. */
export function useFilterState(): FilterState {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const filters = useAtlas((s) => s.filters)
  const scenario = useScenarioId()
  return { from, to, filters, scenario }
}

/** Metrics of the mapped units: provinces, communes, or villages (of the drilled commune, if any). */
export function useMapMetrics(): Loadable<MetricsResult> {
  const level = useAtlas((s) => s.level)
  const drill = useAtlas((s) => s.drill)
  return useApi<MetricsResult>(metricsUrl(level, useFilterState(), level === 'village' ? drill : null))
}

/** Province rows with the filters in force, whatever level the map shows (a province's panel). */
export const useProvinceLevelMetrics = (): Loadable<MetricsResult> =>
  useApi<MetricsResult>(metricsUrl('province', useFilterState()))

/**
 * Province-wide commune metrics for the KPI bar (same filters, never drilled). `actual`: the actual
 * figures beside a scenario's (nothing is asked for outside a scenario).
 */
export function useProvinceMetrics(which: 'shown' | 'actual' = 'shown'): Loadable<MetricsResult> {
  const f = useFilterState()
  return useApi<MetricsResult>(
    which === 'shown'
      ? metricsUrl('commune', f)
      : f.scenario
        ? metricsUrl('commune', { ...f, scenario: null })
        : null,
  )
}

export function useUnitDetail(code: string | null) {
  const f = useFilterState()
  // classes do not apply to one unit's detail
  return useApi<UnitDetail>(
    code
      ? `/api/units/${code}${qs({ ...filterParams(f, f.filters), classes: null, scenario: f.scenario })}`
      : null,
  )
}

export const useBorderLine = (enabled: boolean) =>
  useApi<BorderLine>(enabled ? `/api/layers/border_line?simplify=0.0002` : null)
export const useBorderBelt = (enabled: boolean) =>
  useApi<BorderBelt>(enabled ? `/api/layers/border_belt?simplify=0.0002` : null)
export const useBorderFeatures = (enabled: boolean) =>
  useApi<BorderFeatures>(enabled ? '/api/layers/border_features' : null)

/** Security models as points; only the drilled commune's when drilled (the province has thousands). */
export function useModelPoints(enabled: boolean, commune: string | null = null) {
  const { from, to, filters: f, scenario } = useFilterState()
  return useApi<ModelPoints>(
    enabled
      ? `/api/layers/models${qs({ from, to, types: f.types, statuses: f.statuses.length ? f.statuses : ['active', 'weak'], orgs: f.orgs, classes: f.classes, commune, scenario })}`
      : null,
  )
}

/** Incident hexagons (server side, small counts suppressed); `resolution` is the hexagon edge in metres. */
export function useIncidentHexagons(enabled: boolean, resolution: number) {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const categories = useAtlas((s) => s.filters.categories)
  return useApi<IncidentDensity>(
    enabled ? `/api/incidents/density${qs({ mode: 'hex', resolution, from, to, categories })}` : null,
  )
}

/** Incidents per village (small counts suppressed), weighted at the village points for the heat map. */
export function useVillageIncidentCounts(enabled: boolean) {
  const from = useAtlas((s) => s.from)
  const to = useAtlas((s) => s.to)
  const categories = useAtlas((s) => s.filters.categories)
  return useApi<DensityRows>(
    enabled
      ? `/api/incidents/density${qs({ mode: 'units', level: 'village', geometry: 'false', from, to, categories })}`
      : null,
  )
}

export const searchUrl = (q: string) => `/api/search${qs({ q, limit: 12 })}`
export type { SearchHit as SearchResult }

/** A unit by name, for the pickers of the admin and records screens. */
export interface CommuneName {
  code: string
  name: string
}

const useUnitNames = (level: 'commune' | 'province', keep: (code: string) => boolean = () => true) => {
  const { data } = useApi<FeatureCollection<Point, CommuneName>>(
    `/api/units?level=${level}&geometry=point&properties=code,name`,
  )
  return (data?.features ?? [])
    .map((f) => f.properties)
    .filter((u) => keep(u.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
}

/** The communes in the caller's scope by name. */
export const useCommuneNames = (): CommuneName[] => useUnitNames('commune')

/** The provinces in force by name (not the two dissolved in 2025, coded '15@2025'). */
export const useProvinceNames = (): CommuneName[] => useUnitNames('province', isProvinceCode)

/**
 * The scenario the figures are computed under: the one in the address, for roles that may plan. For any
 * other role an address with a scenario shows the actual figures (the API would refuse the scenario).
 */
export function useScenarioId(): number | null {
  const id = useAtlas((s) => s.scenario)
  const may = useMay('plan')
  return id !== null && may === true ? id : null
}
