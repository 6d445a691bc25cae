import { useState } from 'react'
import { may, type SessionUser } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { Tabs } from '../ui/Tabs.tsx'
import { EvaluationForm } from './EvaluationForm.tsx'
import { ExportLinks } from './ExportLinks.tsx'
import { ImportWizard } from './ImportWizard.tsx'
import { IncidentForm } from './IncidentForm.tsx'
import { ModelForm } from './ModelForm.tsx'
import { OutreachForm } from './OutreachForm.tsx'
import { StatusForm } from './StatusForm.tsx'

const TABS = ['model', 'evaluation', 'status', 'incident', 'outreach', 'import', 'export'] as const
type Tab = (typeof TABS)[number]

/** Exports need only the export permission; every other tab edits records. */
const permissionOf = (tab: Tab) => (tab === 'export' ? 'export' : 'edit_records')

/** Editing forms, the import wizard and record exports, as the user's permissions allow. */
export function RecordsScreen({ user, onHide }: { user: SessionUser; onHide: (hidden: boolean) => void }) {
  const { t } = useI18n()
  const tabs = TABS.filter((x) => may(user, permissionOf(x)))
  const [tab, setTab] = useState<Tab>(tabs[0] ?? 'export')
  return (
    <div className="adm-records">
      <Tabs
        tabs={tabs}
        value={tab}
        onChange={setTab}
        label={(id) => t(`records.tab.${id}`)}
        data="records-tab"
        className="tabs adm-tabs"
      />
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
