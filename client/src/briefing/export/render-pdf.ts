import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff?url'
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff?url'
import viet400 from '@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff?url'
import viet700 from '@fontsource/noto-sans/files/noto-sans-vietnamese-700-normal.woff?url'
import fontkit from '@pdf-lib/fontkit'
import { type PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb } from 'pdf-lib'
import { type Op, parseColor } from './draw-ops.ts'

/**
 * Noto Sans for PDF text, from the fonts the app already serves (fontsource): its Latin and Vietnamese
 * subsets are separate files, so each weight is a pair and text is split into runs by which subset has
 * the glyph. Embedded as subsets; the text stays real, extractable text with every diacritic.
 */
interface FontPair {
  latin: PDFFont
  viet: PDFFont
  latinChars: Set<number>
  vietChars: Set<number>
}
export interface PdfFonts {
  regular: FontPair
  bold: FontPair
}

const bytes = (url: string) => fetch(url).then((r) => r.arrayBuffer())

export async function embedSheetFonts(doc: PDFDocument): Promise<PdfFonts> {
  doc.registerFontkit(fontkit)
  const [l4, v4, l7, v7] = await Promise.all([latin400, viet400, latin700, viet700].map(bytes))
  // No glyph composition (ccmp): Noto's Vietnamese subset would otherwise split ạ ẹ ị ọ ụ into a letter and
  // a combining dot, whose glyph has no Unicode mapping; the precomposed glyphs are there and extract as
  // the letters they are.
  const features = { ccmp: false }
  const pair = async (latinBytes: ArrayBuffer, vietBytes: ArrayBuffer): Promise<FontPair> => {
    const latin = await doc.embedFont(latinBytes, { subset: true, features })
    const viet = await doc.embedFont(vietBytes, { subset: true, features })
    return {
      latin,
      viet,
      latinChars: new Set(latin.getCharacterSet()),
      vietChars: new Set(viet.getCharacterSet()),
    }
  }
  return { regular: await pair(l4, v4), bold: await pair(l7, v7) }
}

/** Stand-ins for the few characters neither subset has (σ: "SD", the standard deviation it stands for). */
const SUBSTITUTES: Record<string, string> = {
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '←': '<-',
  '−': '-',
  σ: 'SD',
  '🔒': '',
}

/** Consecutive characters drawn with the same subset. */
function runs(text: string, fonts: FontPair): { text: string; font: PDFFont }[] {
  const out: { text: string; font: PDFFont }[] = []
  const safe = [...text.normalize('NFC')]
    .map((ch) => {
      const cp = ch.codePointAt(0) ?? 32
      return fonts.latinChars.has(cp) || fonts.vietChars.has(cp) ? ch : (SUBSTITUTES[ch] ?? '?')
    })
    .join('')
  for (const ch of safe) {
    const cp = ch.codePointAt(0) ?? 32
    const font = fonts.latinChars.has(cp) || cp === 32 ? fonts.latin : fonts.viet
    const last = out.at(-1)
    if (last && last.font === font) last.text += ch
    else out.push({ text: ch, font })
  }
  return out
}

const color = (css: string) => {
  const c = parseColor(css)
  return { color: rgb(c.r / 255, c.g / 255, c.b / 255), opacity: c.a }
}

/** Draws the display list on a PDF page (points, y up), with the map image in the image op. */
export function renderPdfPage(page: PDFPage, ops: readonly Op[], fonts: PdfFonts, map: PDFImage | null) {
  const H = page.getHeight()
  for (const o of ops) {
    switch (o.op) {
      case 'rect': {
        const fill = o.fill ? color(o.fill) : null
        const stroke = o.stroke ? color(o.stroke) : null
        page.drawRectangle({
          x: o.x,
          y: H - o.y - o.h,
          width: o.w,
          height: o.h,
          ...(fill ? { color: fill.color, opacity: fill.opacity } : {}),
          ...(stroke
            ? { borderColor: stroke.color, borderOpacity: stroke.opacity, borderWidth: o.lineWidth ?? 1 }
            : { borderWidth: 0 }),
        })
        break
      }
      case 'path': {
        const d = o.rings
          .filter((r) => r.length > 1)
          .map(
            (r) => `M${r.map(([x, y]) => `${x.toFixed(2)} ${y.toFixed(2)}`).join('L')}${o.closed ? 'Z' : ''}`,
          )
          .join('')
        if (!d) break
        const fill = o.fill && o.closed ? color(o.fill) : null
        const stroke = o.stroke ? color(o.stroke) : null
        page.drawSvgPath(d, {
          x: 0,
          y: H,
          ...(fill ? { color: fill.color, opacity: fill.opacity } : {}),
          ...(stroke
            ? {
                borderColor: stroke.color,
                borderOpacity: stroke.opacity,
                borderWidth: o.lineWidth ?? 1,
                borderDashArray: o.dash,
              }
            : {}),
        })
        break
      }
      case 'text': {
        const pair = o.bold ? fonts.bold : fonts.regular
        const parts = runs(o.text, pair)
        const width = parts.reduce((w, p) => w + p.font.widthOfTextAtSize(p.text, o.size), 0)
        let x = o.align === 'right' ? o.x - width : o.align === 'center' ? o.x - width / 2 : o.x
        const c = color(o.color)
        for (const p of parts) {
          page.drawText(p.text, {
            x,
            y: H - o.y,
            size: o.size,
            font: p.font,
            color: c.color,
            opacity: c.opacity,
          })
          x += p.font.widthOfTextAtSize(p.text, o.size)
        }
        break
      }
      case 'image':
        if (map) page.drawImage(map, { x: o.x, y: H - o.y - o.h, width: o.w, height: o.h })
        break
    }
  }
}
