import { GeoJsonLayer } from '@deck.gl/layers'
import type { Feature, FeatureCollection } from 'geojson'
import { AREA_CLASS_COLORS, rgba } from '../colors.ts'

export const OUTLINED_CLASSES = ['strategic', 'remote', 'ethnic_minority', 'religious'] as const

export interface AreaClassesProps {
  id: string
  /** commune polygons with `properties.area_classes` */
  communes: FeatureCollection
  opacity: number
}

/**
 * Outlines of communes by area class. A commune can carry several classes, so each class is a ring of its
 * own width, the widest underneath: every class stays visible.
 */
export function areaClassLayers(p: AreaClassesProps) {
  return OUTLINED_CLASSES.map((cls, i) => {
    const features = p.communes.features.filter((f: Feature) =>
      ((f.properties as { area_classes?: string[] }).area_classes ?? []).includes(cls),
    )
    return new GeoJsonLayer({
      id: `${p.id}-${cls}`,
      data: { type: 'FeatureCollection', features },
      opacity: p.opacity,
      filled: false,
      stroked: true,
      pickable: false,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5 + (OUTLINED_CLASSES.length - 1 - i) * 1.6,
      getLineColor: rgba(AREA_CLASS_COLORS[cls], 210),
      lineJointRounded: true,
    })
  })
}
