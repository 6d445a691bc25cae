import { TextLayer } from '@deck.gl/layers'
import { VIETNAMESE_CHARSET } from '../charset.ts'

export interface UnitLabel {
  text: string
  lon: number
  lat: number
  priority: number
  /** villages are drawn smaller and in italics-like grey; provinces larger (neighbouring ones in grey) */
  kind: 'province' | 'commune' | 'village' | 'neighbour'
}

export interface UnitLabelsProps {
  id: string
  labels: readonly UnitLabel[]
  opacity: number
  /** font family loaded from the bundled font (see fonts.ts) */
  fontFamily: string
}

/**
 * Place names drawn by deck.gl from a bundled font (no glyph server), with an explicit character set that
 * covers Vietnamese, and a white halo (SDF outline) for legibility on any fill.
 */
export function unitLabelsLayer(p: UnitLabelsProps) {
  return new TextLayer<UnitLabel>({
    id: p.id,
    data: p.labels as UnitLabel[],
    opacity: p.opacity,
    characterSet: VIETNAMESE_CHARSET as string[],
    fontFamily: p.fontFamily,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 8, radius: 12 },
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 235],
    getPosition: (d) => [d.lon, d.lat],
    getText: (d) => d.text,
    getSize: (d) => (d.kind === 'commune' ? 14 : d.kind === 'village' ? 12.5 : 15),
    getColor: (d) =>
      d.kind === 'commune' || d.kind === 'province'
        ? [25, 30, 40, 255]
        : d.kind === 'neighbour'
          ? [105, 112, 120, 255]
          : [60, 64, 72, 255],
    sizeUnits: 'pixels',
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    pickable: false,
    parameters: { depthWriteEnabled: false },
  })
}
