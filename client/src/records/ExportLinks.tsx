import { IMPORT_KINDS } from '@antt/contract/lists'
import { useI18n } from '../state/use-i18n.ts'

/** Records the user may see, as XLSX and CSV with the headers the import reads. */
export function ExportLinks() {
  const { t, lang } = useI18n()
  return (
    <div className="adm-export" data-testid="export-links">
      <p className="muted">{t('records.export.hint')}</p>
      <table className="adm-table">
        <tbody>
          {IMPORT_KINDS.map((k) => (
            <tr key={k}>
              <td>{t(`records.kind.${k}`)}</td>
              {(['xlsx', 'csv'] as const).map((f) => (
                <td key={f}>
                  <a
                    className="btn"
                    href={`/api/export/${k}.${f}?lang=${lang}`}
                    download
                    data-export={`${k}.${f}`}
                  >
                    {f.toUpperCase()}
                  </a>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
