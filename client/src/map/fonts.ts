// Only the Latin, Vietnamese and Greek subsets (σ in standard-deviation legends): the others would be
// copied into the build for nothing. Each subset is fetched only when a page shows one of its characters.
import '@fontsource/noto-sans/greek-400.css'
import '@fontsource/noto-sans/greek-700.css'
import '@fontsource/noto-sans/latin-400.css'
import '@fontsource/noto-sans/latin-600.css'
import '@fontsource/noto-sans/latin-700.css'
import '@fontsource/noto-sans/vietnamese-400.css'
import '@fontsource/noto-sans/vietnamese-600.css'
import '@fontsource/noto-sans/vietnamese-700.css'

/** The bundled label font (Noto Sans: full Vietnamese coverage), served with the app, never from a CDN. */
export const LABEL_FONT = '"Noto Sans", "DejaVu Sans", sans-serif'

/**
 * Resolves once the Latin and Vietnamese subsets of the label font are loaded, so deck.gl's font atlas is
 * drawn with the real glyphs (an atlas drawn earlier would fall back to a system font).
 */
export function labelFontReady(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return Promise.resolve()
  return Promise.all([
    document.fonts.load('600 16px "Noto Sans"', 'Lào Cai'),
    document.fonts.load('600 16px "Noto Sans"', 'Mường Khương Đồng Tuyển ữ'),
  ]).then(
    () => undefined,
    () => undefined,
  )
}
