// Renders pages of a PDF to PNG with pdf.js in Chromium, to look at exports where no pdftoppm exists:
// `npx tsx client/test/briefing-pdf-render.ts file.pdf [out prefix] [scale]`; CROP=x,y,w,h (points from the
// top left) renders only that part, for a close look at text.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { launchChromium } from './browser.ts'

const [file, prefix = file.replace(/\.pdf$/, ''), scale = '2'] = process.argv.slice(2)
const pdfjsDir = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build')
const ORIGIN = 'http://pdf.local'

const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.route(`${ORIGIN}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1)
    if (name === '') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><body></body>' })
    if (name === 'doc.pdf') return route.fulfill({ contentType: 'application/pdf', body: readFileSync(file) })
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(pdfjsDir, name)) })
  })
  await page.goto(`${ORIGIN}/`)
  const pages = (await page.evaluate(
    async ({ origin, scale, crop }) => {
      const pdfjs = await import(`${origin}/pdf.min.mjs`)
      pdfjs.GlobalWorkerOptions.workerSrc = `${origin}/pdf.worker.min.mjs`
      const pdf = await pdfjs.getDocument({ url: `${origin}/doc.pdf` }).promise
      const out: string[] = []
      for (let i = 1; i <= pdf.numPages; i++) {
        const p = await pdf.getPage(i)
        const viewport = crop
          ? p.getViewport({ scale, offsetX: -crop[0] * scale, offsetY: -crop[1] * scale })
          : p.getViewport({ scale })
        const canvas = document.createElement('canvas')
        canvas.width = crop ? crop[2] * scale : viewport.width
        canvas.height = crop ? crop[3] * scale : viewport.height
        await p.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise
        out.push(canvas.toDataURL('image/png'))
      }
      return out
    },
    { origin: ORIGIN, scale: Number(scale), crop: process.env.CROP?.split(',').map(Number) ?? null },
  )) as string[]
  pages.forEach((url, i) => {
    const path = `${prefix}-page${i + 1}.png`
    writeFileSync(path, Buffer.from(url.split(',')[1], 'base64'))
    console.log(path)
  })
} finally {
  await browser.close()
}
