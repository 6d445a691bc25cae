import { PDFDocument } from 'pdf-lib'
import { rememberScreen, restoreScreen, type ScreenMemory } from '../apply-view.ts'
import { buildSheet, type SheetTarget } from './export-sheet.ts'
import { type ExportSize, type Orientation, type Paper, pageSpec, sizeId } from './page-size.ts'
import { canvasMeasure, renderCanvas, sheetFontReady } from './render-canvas.ts'
import { embedSheetFonts, renderPdfPage } from './render-pdf.ts'

export interface ExportResult {
  blob: Blob
  filename: string
  /** pixel size (PNG) or page count (PDF) */
  width?: number
  height?: number
  pages?: number
}

export type Progress = (done: number, total: number) => void

/** A file name from a title: ASCII, lower case, Vietnamese letters without their marks. */
export function fileSlug(title: string): string {
  const s = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return s || 'ban-do'
}

const toBlob = (canvas: HTMLCanvasElement, type: string, quality?: number) =>
  new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded'))),
      type,
      quality,
    ),
  )

async function withScreenRestored<T>(run: () => Promise<T>): Promise<T> {
  const memory: ScreenMemory = rememberScreen()
  try {
    return await run()
  } finally {
    restoreScreen(memory)
  }
}

/** A PNG of one view at `size`, rendered at that size. */
export async function exportPng(
  target: SheetTarget,
  size: ExportSize,
  exportedBy: string | null,
): Promise<ExportResult> {
  await sheetFontReady()
  const page = pageSpec(size)
  return withScreenRestored(async () => {
    const sheet = await buildSheet(target, page, canvasMeasure(), exportedBy)
    const canvas = renderCanvas(sheet.ops, page.widthPx, page.heightPx, page.pxPerPt, sheet.map)
    const blob = await toBlob(canvas, 'image/png')
    return {
      blob,
      filename: `${fileSlug(target.title)}_${sizeId(size)}.png`,
      width: canvas.width,
      height: canvas.height,
    }
  })
}

/**
 * A PDF with one page per view: the map as an image at `dpi`, everything else (titles, legend, scale
 * bar, locator, notes) as vector drawing and real text in embedded Noto Sans.
 */
export async function exportPdf(
  targets: SheetTarget[],
  paper: Paper,
  orientation: Orientation,
  dpi: 150 | 300,
  exportedBy: string | null,
  docTitle: string,
  lang: 'vi' | 'en',
  progress?: Progress,
): Promise<ExportResult> {
  await sheetFontReady()
  const page = pageSpec({ kind: 'paper', paper, orientation, dpi })
  const doc = await PDFDocument.create()
  doc.setTitle(docTitle)
  doc.setCreator('ANTT Atlas')
  doc.setProducer('ANTT Atlas (pdf-lib)')
  doc.setLanguage(lang === 'en' ? 'en-GB' : 'vi-VN')
  const fonts = await embedSheetFonts(doc)
  const measure = canvasMeasure()
  await withScreenRestored(async () => {
    for (const [i, target] of targets.entries()) {
      progress?.(i, targets.length)
      const sheet = await buildSheet(target, page, measure, exportedBy)
      // JPEG keeps a 300 dpi page small and is embedded as is; quality 0.92 keeps labels and lines clean.
      const jpeg = await toBlob(sheet.map, 'image/jpeg', 0.92)
      const image = await doc.embedJpg(await jpeg.arrayBuffer())
      const pdfPage = doc.addPage([page.widthPt, page.heightPt])
      renderPdfPage(pdfPage, sheet.ops, fonts, image)
    }
    progress?.(targets.length, targets.length)
  })
  const bytes = await doc.save()
  return {
    blob: new Blob([bytes as BlobPart], { type: 'application/pdf' }),
    filename: `${fileSlug(docTitle)}_${paper.toLowerCase()}-${orientation}.pdf`,
    pages: targets.length,
  }
}

/** Hands a file to the browser's downloads. */
export function download(result: ExportResult) {
  const url = URL.createObjectURL(result.blob)
  const a = document.createElement('a')
  a.href = url
  a.download = result.filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
