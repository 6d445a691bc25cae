/**
 * Export sizes. Paper sizes are ISO 216 in millimetres; a page is laid out in points (1/72 inch) and
 * rasterised at `pxPerPt`, so the furniture is the same on paper at any resolution and only sharper at
 * 300 dpi. Screen-sized exports are laid out at 96 CSS px per inch (0.75 pt per CSS pixel).
 */
export type Paper = 'A4' | 'A3'
export type Orientation = 'landscape' | 'portrait'

export const PAPER_MM: Readonly<Record<Paper, readonly [number, number]>> = {
  A4: [297, 210],
  A3: [420, 297],
}

export type ExportSize =
  | { kind: 'screen'; width: number; height: number; dpr: number }
  | { kind: 'hd' }
  | { kind: 'paper'; paper: Paper; orientation: Orientation; dpi: 150 | 300 }

export interface PageSpec {
  /** page size in points */
  widthPt: number
  heightPt: number
  /** output size in pixels */
  widthPx: number
  heightPx: number
  pxPerPt: number
  /** physical paper, when the size is one */
  paper: Paper | null
  dpi: number | null
}

const MM_PER_INCH = 25.4
const PT_PER_INCH = 72
const CSS_PX_PER_INCH = 96

export function pageSpec(size: ExportSize): PageSpec {
  if (size.kind === 'paper') {
    const [long, short] = PAPER_MM[size.paper]
    const [wMm, hMm] = size.orientation === 'landscape' ? [long, short] : [short, long]
    const widthPt = (wMm / MM_PER_INCH) * PT_PER_INCH
    const heightPt = (hMm / MM_PER_INCH) * PT_PER_INCH
    const widthPx = Math.round((wMm / MM_PER_INCH) * size.dpi)
    const heightPx = Math.round((hMm / MM_PER_INCH) * size.dpi)
    return {
      widthPt,
      heightPt,
      widthPx,
      heightPx,
      pxPerPt: widthPx / widthPt,
      paper: size.paper,
      dpi: size.dpi,
    }
  }
  const [widthCss, heightCss, dpr] =
    size.kind === 'hd' ? [1920, 1080, 1] : [size.width, size.height, size.dpr]
  const ptPerCss = PT_PER_INCH / CSS_PX_PER_INCH
  return {
    widthPt: widthCss * ptPerCss,
    heightPt: heightCss * ptPerCss,
    widthPx: Math.round(widthCss * dpr),
    heightPx: Math.round(heightCss * dpr),
    pxPerPt: dpr / ptPerCss,
    paper: null,
    dpi: null,
  }
}

/** A4 or A3 page in points for a PDF, [width, height]. */
export function pdfPageSize(paper: Paper, orientation: Orientation): [number, number] {
  const p = pageSpec({ kind: 'paper', paper, orientation, dpi: 150 })
  return [p.widthPt, p.heightPt]
}

/** The sizes offered for PNG export, in the order shown. */
export const PAPER_SIZES: readonly Extract<ExportSize, { kind: 'paper' }>[] = (['A4', 'A3'] as const).flatMap(
  (paper) =>
    (['landscape', 'portrait'] as const).flatMap((orientation) =>
      ([150, 300] as const).map((dpi) => ({ kind: 'paper' as const, paper, orientation, dpi })),
    ),
)

/** A stable identifier for a size, for form values and file names. */
export function sizeId(size: ExportSize): string {
  if (size.kind === 'paper') return `${size.paper.toLowerCase()}-${size.orientation}-${size.dpi}`
  return size.kind
}
