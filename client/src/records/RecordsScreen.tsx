import { useState } from 'react'
import { hasPermission, type SessionUser } from '../api/client.ts'
import type { MessageKey } from '../i18n/index.ts'
import { useI18n } from '../state/use-i18n.ts'
import { EvaluationForm } from './EvaluationForm.tsx'
import { ExportLinks } from './ExportLinks.tsx'
import { ImportWizard } from './ImportWizard.tsx'
import { IncidentForm } from './IncidentForm.tsx'
import { ModelForm } from './ModelForm.tsx'
import { OutreachForm } from './OutreachForm.tsx'
import { StatusForm } from './StatusForm.tsx'

type Tab = 'model' | 'evaluation' | 'status' | 'incident' | 'outreach' | 'import' | 'export'

const TABS: { id: Tab; label: MessageKey; permission: string }[] = [
  { id: 'model', label: 'records.tab.model', permission: 'edit_records' },
  { id: 'evaluation', label: 'records.tab.evaluation', permission: 'edit_records' },
  { id: 'status', label: 'records.tab.status', permission: 'edit_records' },
  { id: 'incident', label: 'records.tab.incident', permission: 'edit_records' },
  { id: 'outreach', label: 'records.tab.outreach', permission: 'edit_records' },
  { id: 'import', label: 'records.tab.import', permission: 'edit_records' },
  { id: 'export', label: 'records.tab.export', permission: 'export' },
]

/** Editing forms, the import wizard and record exports, as the user's permissions allow. */
export function RecordsScreen({ user, onHide }: { user: SessionUser; onHide: (hidden: boolean) => void }) {
  const { t } = useI18n()
  const tabs = TABS.filter((x) => hasPermission(user, x.permission))
  const [tab, setTab] = useState<Tab>(tabs[0]?.id ?? 'export')
  return (
    <div className="adm-records">
      <div className="tabs adm-tabs" role="tablist">
        {tabs.map((x) => (
          <button
            key={x.id}
            type="button"
            role="tab"
            aria-selected={tab === x.id}
            className={tab === x.id ? 'on' : ''}
            onClick={() => setTab(x.id)}
            data-records-tab={x.id}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      {user.scope?.length ? (
        <p className="muted adm-hint">{t('records.scopeNote', { n: user.scope.length })}</p>
      ) : null}
      <div className="adm-tab-body">
        {tab === 'model' && <ModelForm user={user} onHide={onHide} />}
        {tab === 'evaluation' && <EvaluationForm user={user} />}
        {tab === 'status' && <StatusForm user={user} />}
        {tab === 'incident' && <IncidentForm user={user} onHide={onHide} />}
        {tab === 'outreach' && <OutreachForm user={user} />}
        {tab === 'import' && <ImportWizard user={user} />}
        {tab === 'export' && <ExportLinks />}
      </div>
    </div>
  )
}
