import type { ImportColumn, ImportIssue, ImportReport } from '@antt/contract'
import { IMPORT_KINDS } from '@antt/contract/lists'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { ApiError, request, type SessionUser } from '../api/client.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Field } from '../ui/Dialog.tsx'
import { type FormErrors, formErrors, NO_ERRORS } from '../ui/field-errors.ts'
import { Options } from '../ui/Options.tsx'
import { TableHead } from '../ui/TableHead.tsx'

/** Coordinate systems offered for a file whose x, y do not say (the API knows more: api/src/imports/crs.ts). */
const IMPORT_CRS = ['EPSG:4326', 'VN2000', 'VN2000-TM3-104.75'] as const

/** Upload → dry-run report row by row → commit (or discard). */
export function ImportWizard({ user }: { user: SessionUser }) {
  const { t, lang, fmt } = useI18n()
  const [kind, setKind] = useState('models')
  const [crs, setCrs] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const poll = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  useEffect(() => () => clearInterval(poll.current), [])
  const kinds = IMPORT_KINDS.filter((k) => k !== 'boundaries' || user.role === 'admin')

  const fail = (err: unknown) => {
    if (err instanceof ApiError) setErrors(formErrors(err, ['file', 'kind', 'crs', 'id'], lang))
    else setErrors({ fields: {}, general: String(err) })
  }

  const upload = async (e: FormEvent) => {
    e.preventDefault()
    if (!file) return
    setErrors(NO_ERRORS)
    setBusy(true)
    const id = crypto.randomUUID()
    const form = new FormData()
    form.set('file', file)
    form.set('kind', kind)
    form.set('id', id)
    if (crs) form.set('crs', crs)
    setProgress(0)
    // large files: the dry run reports rows processed while it runs
    poll.current = setInterval(() => {
      request.get<{ processed?: number }>(`/api/imports/${id}?limit=0`).then(
        (r) => setProgress(r.processed ?? 0),
        () => {},
      )
    }, 1000)
    try {
      setReport(await request.form<ImportReport>('/api/imports', form))
    } catch (err) {
      fail(err)
    } finally {
      clearInterval(poll.current)
      setProgress(null)
      setBusy(false)
    }
  }

  const commit = async () => {
    if (!report) return
    setBusy(true)
    setErrors(NO_ERRORS)
    try {
      setReport(await request.post<ImportReport>(`/api/imports/${report.id}/commit`))
    } catch (err) {
      fail(err)
    } finally {
      setBusy(false)
    }
  }

  const discard = async () => {
    if (report && report.status !== 'committed') await request.delete(`/api/imports/${report.id}`).catch(fail)
    setReport(null)
    setFile(null)
  }

  if (report)
    return (
      <div className="adm-import" data-testid="import-report" data-status={report.status}>
        <p>
          <strong>{report.file_name}</strong> · {t(`records.kind.${report.kind}` as MessageKey)}
        </p>
        <dl className="adm-counts">
          {(
            [
              ['rows', report.rows],
              ['valid', report.valid],
              ['create', report.create],
              ['update', report.update],
              ['skip', report.skip],
              ['errors', report.errors_total],
              ['warnings', report.warnings_total],
            ] as const
          ).map(([k, n]) => (
            <div key={k} data-count={k} className={k === 'errors' && n > 0 ? 'adm-bad' : ''}>
              <dt>{t(`records.import.${k}`)}</dt>
              <dd>{fmt.integer(n)}</dd>
            </div>
          ))}
        </dl>
        {report.status === 'committed' && (
          <div className="adm-saved" role="status" data-testid="import-committed">
            {t('records.import.committed', { n: report.create + report.update })}
          </div>
        )}
        <ColumnTable columns={report.columns} />
        <IssueTable
          title={t('records.import.errorList')}
          issues={report.errors}
          columns={report.columns}
          kind="error"
        />
        <IssueTable
          title={t('records.import.warningList')}
          issues={report.warnings}
          columns={report.columns}
          kind="warning"
        />
        {errors.general && <div className="error-text adm-general-error">{errors.general}</div>}
        <div className="adm-actions">
          {report.status !== 'committed' ? (
            <>
              <button type="button" className="btn" onClick={discard} disabled={busy}>
                {t('records.import.discard')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={commit}
                disabled={busy || report.errors_total > 0 || report.valid === 0}
                data-testid="import-commit"
                title={report.errors_total > 0 ? t('records.import.fixFirst') : undefined}
              >
                {t('records.import.commit', { n: report.create + report.update })}
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={discard}>
              {t('records.import.another')}
            </button>
          )}
        </div>
      </div>
    )

  return (
    <form className="adm-form adm-grid" onSubmit={upload} data-testid="import-form">
      <Field name="kind" label={t('records.import.kind')} error={errors.fields.kind}>
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <Options of={kinds} label={(k) => t(`records.kind.${k}`)} />
        </select>
      </Field>
      <Field name="crs" label={t('records.import.crs')} error={errors.fields.crs}>
        <select name="crs" value={crs} onChange={(e) => setCrs(e.target.value)}>
          <option value="">{t('records.import.crsAuto')}</option>
          <Options of={IMPORT_CRS} label={(c) => c} />
        </select>
      </Field>
      <div className="adm-span">
        <Field name="file" label={t('records.import.file')} error={errors.fields.file}>
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,.geojson,.json,.zip"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </Field>
        <p className="muted adm-hint">
          {t('records.import.hint')}{' '}
          <a href={`/api/imports/templates/${kind}.xlsx?lang=${lang}`} download data-testid="template-link">
            {t('records.import.template')}
          </a>
        </p>
      </div>
      {progress !== null && (
        <p className="muted adm-span" role="status">
          {t('records.import.checking', { n: fmt.integer(progress) })}
        </p>
      )}
      {errors.general && <div className="error-text adm-general-error adm-span">{errors.general}</div>}
      <div className="adm-actions adm-span">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !file}
          data-testid="import-upload"
        >
          {t('records.import.check')}
        </button>
      </div>
    </form>
  )
}

/** Problems row by row; a field is named by the file's own column header, as the user wrote it. */
function IssueTable(props: {
  title: string
  issues: ImportIssue[]
  columns: ImportReport['columns']
  kind: 'error' | 'warning'
}) {
  const { t, lang } = useI18n()
  if (!props.issues.length) return null
  const header = new Map(props.columns.filter((c) => c.field).map((c) => [c.field as string, c.column]))
  return (
    <details open={props.kind === 'error'} className="adm-issues">
      <summary>{props.title}</summary>
      <table className="adm-table" data-testid={`import-${props.kind}s`}>
        <TableHead
          labels={[t('records.import.row'), t('records.import.field'), t('records.import.message')]}
        />
        <tbody>
          {props.issues.map((i) => (
            <tr key={`${i.row}-${i.field}-${i.message}`}>
              <td>{i.row || '–'}</td>
              <td title={i.field}>{header.get(i.field) ?? <code>{i.field}</code>}</td>
              <td>{(lang === 'vi' && i.message_vi) || i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}

/** Which column of the file was read as which field, cut Shapefile names marked as such. */
function ColumnTable({ columns }: { columns: ImportColumn[] }) {
  const { t, lang } = useI18n()
  if (!columns.length) return null
  const read = columns.filter((c) => c.field).length
  return (
    <details className="adm-issues" data-testid="import-columns">
      <summary>{t('records.import.columns', { read, n: columns.length })}</summary>
      <table className="adm-table">
        <TableHead labels={[t('records.import.column'), t('records.import.readAs')]} />
        <tbody>
          {columns.map((c) => (
            <tr key={c.column} data-field={c.field ?? ''}>
              <td>
                <code>{c.column}</code>
              </td>
              <td title={c.field ?? undefined}>
                {c.field ? (
                  lang === 'vi' ? (
                    (c.label ?? c.field)
                  ) : (
                    c.field
                  )
                ) : (
                  <span className="muted">{t('records.import.ignored')}</span>
                )}
                {c.truncated && <span className="muted"> · {t('records.import.truncated')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
