import { useEffect, useMemo, useState } from 'react'
import { useMeta } from '../../api/hooks.ts'
import { mapTitle } from '../../legend/map-title.ts'
import { LAYER_IDS } from '../../state/atlas-state.ts'
import { type ExportTarget, setUi } from '../../state/briefing-ui.ts'
import { useAtlas } from '../../state/store.ts'
import { useI18n } from '../../state/use-i18n.ts'
import { LabelledControl } from '../../ui/LabelledControl.tsx'
import { Options } from '../../ui/Options.tsx'
import { reportExport } from '../briefing-api.ts'
import { deckViews, useBriefing } from '../briefing-store.ts'
import { download, type ExportResult, exportPdf, exportPng } from './export-file.ts'
import type { SheetTarget } from './export-sheet.ts'
import { type ExportSize, type Orientation, PAPER_SIZES, type Paper, pageSpec, sizeId } from './page-size.ts'
import { periodInWords } from './sheet-text.ts'

/** Choose what and how to export, then render and download it. */
export function ExportDialog({
  request,
  username,
}: {
  request: { format: 'png' | 'pdf'; target: ExportTarget }
  username: string | null
}) {
  const i18n = useI18n()
  const { t, fmt } = i18n
  const { views, decks } = useBriefing()
  const state = useAtlas((s) => s)
  const meta = useMeta().data
  const { format, target } = request

  const screenSize: ExportSize = {
    kind: 'screen',
    width: window.innerWidth,
    height: window.innerHeight,
    dpr: window.devicePixelRatio || 1,
  }
  const sizes: ExportSize[] = [screenSize, { kind: 'hd' }, ...PAPER_SIZES]
  const [size, setSize] = useState('a4-landscape-300')
  const [paper, setPaper] = useState<Paper>('A4')
  const [orientation, setOrientation] = useState<Orientation>('landscape')
  const [dpi, setDpi] = useState<150 | 300>(300)
  const defaultTitle = mapTitle(i18n, state)
  const [title, setTitle] = useState(defaultTitle)
  // The period in words until the user types a subtitle of their own.
  const [ownSubtitle, setSubtitle] = useState<string | null>(null)
  const subtitle = ownSubtitle ?? (meta ? periodInWords(i18n, state, meta) : '')
  const [busy, setBusy] = useState<string | null>(null)
  const [result, setResult] = useState<ExportResult | null>(null)
  const [error, setError] = useState<string | null>(null)

  const deck = target.kind === 'deck' ? decks.find((d) => d.id === target.id) : undefined
  const targets = useMemo((): SheetTarget[] => {
    if (target.kind === 'screen') return [{ kind: 'screen', title, subtitle }]
    if (target.kind === 'view') {
      const v = views.find((x) => x.id === target.id)
      return v ? [{ kind: 'view', title: v.title, subtitle: v.subtitle, state: v.state }] : []
    }
    return deck
      ? deckViews(deck, views).map((v) => ({
          kind: 'view' as const,
          title: v.title,
          subtitle: v.subtitle,
          state: v.state,
        }))
      : []
  }, [target, views, deck, title, subtitle])
  const what =
    target.kind === 'screen'
      ? t('brief.currentScreen')
      : target.kind === 'view'
        ? (targets[0]?.title ?? '')
        : `${deck?.title ?? ''} — ${t('brief.deckPages', { n: targets.length })}`

  const close = () => !busy && setUi({ exporting: null })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const sizeLabel = (s: ExportSize) => {
    const p = pageSpec(s)
    const px = { w: fmt.integer(p.widthPx), h: fmt.integer(p.heightPx) }
    if (s.kind === 'screen') return t('brief.sizeScreen', px)
    if (s.kind === 'hd') return t('brief.sizeHd')
    return t('brief.sizePaper', {
      paper: s.paper,
      orientation: t(s.orientation === 'landscape' ? 'brief.landscape' : 'brief.portrait'),
      dpi: s.dpi,
      ...px,
    })
  }

  const run = async () => {
    setError(null)
    setResult(null)
    try {
      let out: ExportResult
      let sizeName: string
      const docTitle = target.kind === 'deck' ? (deck?.title ?? title) : (targets[0]?.title ?? title)
      if (format === 'png') {
        const chosen = sizes.find((s) => sizeId(s) === size) ?? sizes[0]
        sizeName = sizeId(chosen)
        setBusy(t('brief.exporting', { n: 1, total: 1 }))
        out = await exportPng(targets[0], chosen, username)
      } else {
        sizeName = sizeId({ kind: 'paper', paper, orientation, dpi })
        out = await exportPdf(targets, paper, orientation, dpi, username, docTitle, state.lang, (n, total) =>
          setBusy(t('brief.exporting', { n: Math.min(n + 1, total), total })),
        )
      }
      // In the audit log before the file is handed over: no export without a trace.
      const from = state.from ?? meta?.default_period?.from
      const to = state.to ?? meta?.default_period?.to
      await reportExport({
        format,
        size: sizeName,
        title: docTitle,
        target: target.kind,
        pages: out.pages ?? 1,
        ...(target.kind === 'screen'
          ? {
              layers: LAYER_IDS.filter((id) => state.layers[id].on),
              ...(from && to ? { period: { from, to } } : {}),
            }
          : {
              view_ids: target.kind === 'view' ? [target.id] : (deck?.view_ids ?? []),
            }),
        ...(target.kind === 'deck' ? { deck_id: target.id } : {}),
      })
      download(out)
      setResult(out)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="brief-modal-backdrop">
      <div
        className="brief-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="export-title"
        data-testid="export-dialog"
      >
        <h2 id="export-title">{format === 'png' ? t('brief.exportPng') : t('brief.exportPdf')}</h2>
        <div className="brief-modal-what">
          <span className="field-label">{t('brief.exportWhat')}</span> {what}
        </div>
        {target.kind === 'screen' && (
          <>
            <LabelledControl label={t('brief.title')}>
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                maxLength={200}
                name="export-title"
              />
            </LabelledControl>
            <LabelledControl label={t('brief.subtitle')}>
              <input
                value={subtitle}
                onChange={(e) => setSubtitle(e.target.value)}
                maxLength={300}
                name="export-subtitle"
              />
            </LabelledControl>
          </>
        )}
        {format === 'png' ? (
          <LabelledControl label={t('brief.size')}>
            <select value={size} onChange={(e) => setSize(e.target.value)} data-testid="export-size">
              <Options of={sizes} value={(s) => sizeId(s)} label={(s) => sizeLabel(s)} />
            </select>
          </LabelledControl>
        ) : (
          <div className="brief-row brief-pdf-options">
            <LabelledControl label={t('brief.paper')}>
              <select
                value={paper}
                onChange={(e) => setPaper(e.target.value as Paper)}
                data-testid="export-paper"
              >
                <option value="A4">A4</option>
                <option value="A3">A3</option>
              </select>
            </LabelledControl>
            <LabelledControl label={t('brief.orientation')}>
              <select
                value={orientation}
                onChange={(e) => setOrientation(e.target.value as Orientation)}
                data-testid="export-orientation"
              >
                <option value="landscape">{t('brief.landscape')}</option>
                <option value="portrait">{t('brief.portrait')}</option>
              </select>
            </LabelledControl>
            <LabelledControl label={t('brief.resolution')}>
              <select
                value={dpi}
                onChange={(e) => setDpi(Number(e.target.value) as 150 | 300)}
                data-testid="export-dpi"
              >
                <option value={150}>150 dpi</option>
                <option value={300}>300 dpi</option>
              </select>
            </LabelledControl>
          </div>
        )}
        <p className="hint">{t('brief.exportHint')}</p>
        {busy && (
          <div className="brief-progress" role="status" aria-live="polite">
            {busy}
          </div>
        )}
        {error && (
          <div className="error-text" role="alert">
            {t('brief.error', { message: error })}
          </div>
        )}
        {result && (
          <div className="ok-text" role="status" data-testid="export-result">
            {t('brief.exportDone', { file: result.filename })}{' '}
            <button type="button" className="link" onClick={() => download(result)}>
              {t('brief.downloadAgain')}
            </button>
          </div>
        )}
        <div className="brief-row brief-modal-buttons">
          <button
            type="button"
            className="btn btn-primary"
            onClick={run}
            disabled={Boolean(busy) || targets.length === 0}
            data-testid="export-run"
          >
            {format === 'png' ? t('brief.exportPng') : t('brief.exportPdf')}
          </button>
          <button type="button" className="btn" onClick={close} disabled={Boolean(busy)}>
            {t('brief.close')}
          </button>
        </div>
      </div>
    </div>
  )
}
