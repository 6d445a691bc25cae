import type { Role, UserAccount } from '@antt/contract'
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { ApiError, request } from '../api/client.ts'
import { type CommuneName, useCommuneNames, useNational, useProvinceNames } from '../api/hooks.ts'
import { useI18n } from '../state/use-i18n.ts'
import { AdminTable } from '../ui/AdminTable.tsx'
import { Field, GeneralError, PasswordField } from '../ui/Dialog.tsx'
import { type FormErrors, formErrors, NO_ERRORS } from '../ui/field-errors.ts'
import { Options } from '../ui/Options.tsx'
import { useRoles } from './reference.ts'

/** Accounts: the list, and one form to create a user or change one (role, communes, disabled, password). */
export function UsersScreen() {
  const { t, lang, fmt } = useI18n()
  const roles = useRoles(true)
  const communes = useCommuneNames()
  const provinces = useProvinceNames()
  // a scope of whole provinces is offered where the atlas serves more than one
  const national = useNational()
  const [users, setUsers] = useState<UserAccount[] | null>(null)
  const [editing, setEditing] = useState<UserAccount | 'new' | null>(null)
  const reload = useCallback(() => {
    request.get<{ users: UserAccount[] }>('/api/users').then((r) => setUsers(r.users))
  }, [])
  useEffect(reload, [reload])
  const roleName = (code: string) => {
    const r = roles.find((x) => x.code === code)
    return r ? (lang === 'en' ? r.name_en : r.name_vi) : code
  }
  const nameOf = (list: CommuneName[]) => (code: string) => list.find((c) => c.code === code)?.name ?? code
  const scopeNames = (u: UserAccount) =>
    [...u.provinces.map(nameOf(provinces)), ...u.scope.map(nameOf(communes))].join(', ') ||
    t('admin.users.wholeProvince')

  return (
    <div className="adm-split">
      <div className="adm-list">
        <div className="adm-toolbar">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing('new')}
            data-testid="user-new"
          >
            {t('admin.users.new')}
          </button>
        </div>
        <AdminTable
          testId="users-table"
          columns={['username', 'displayName', 'role', 'scope', 'lastSignIn']}
          label={(c) => t(`admin.users.${c}`)}
        >
          {(users ?? []).map((u) => (
            <tr
              key={u.id}
              data-username={u.username}
              className={`${u.disabled ? 'adm-disabled' : ''}${editing !== 'new' && editing?.id === u.id ? ' adm-current' : ''}`}
              onClick={() => setEditing(u)}
            >
              <td>
                <button type="button" className="adm-link">
                  {u.username}
                </button>
                {u.disabled && <span className="adm-tag">{t('admin.users.disabledTag')}</span>}
              </td>
              <td>{u.display_name}</td>
              <td>{roleName(u.role)}</td>
              <td className="adm-scope-cell">{scopeNames(u)}</td>
              <td>{u.last_sign_in ? fmt.date(u.last_sign_in.slice(0, 10)) : '–'}</td>
            </tr>
          ))}
        </AdminTable>
      </div>
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          roles={roles}
          communes={communes}
          provinces={national || (editing !== 'new' && editing.provinces.length) ? provinces : []}
          onSaved={() => {
            setEditing(null)
            reload()
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </div>
  )
}

function UserForm(props: {
  user: UserAccount | null
  roles: Role[]
  communes: CommuneName[]
  /** offered as whole-province scopes; empty: not offered */
  provinces: CommuneName[]
  onSaved: () => void
  onCancel: () => void
}) {
  const { t, lang } = useI18n()
  const u = props.user
  const [username, setUsername] = useState(u?.username ?? '')
  const [displayName, setDisplayName] = useState(u?.display_name ?? '')
  const [role, setRole] = useState(u?.role ?? 'viewer')
  const [scope, setScope] = useState<string[]>(u?.scope ?? [])
  const [provinces, setProvinces] = useState<string[]>(u?.provinces ?? [])
  const [disabled, setDisabled] = useState(u?.disabled ?? false)
  const [password, setPassword] = useState('')
  const [filter, setFilter] = useState('')
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setErrors(NO_ERRORS)
    try {
      if (u) {
        const patch: Record<string, unknown> = {}
        if (displayName !== u.display_name) patch.display_name = displayName
        if (role !== u.role) patch.role = role
        if (scope.join() !== u.scope.join()) patch.scope = scope
        if (provinces.join() !== u.provinces.join()) patch.provinces = provinces
        if (disabled !== u.disabled) patch.disabled = disabled
        if (password) patch.password = password
        if (Object.keys(patch).length) await request.patch(`/api/users/${u.id}`, patch)
      } else
        await request.post('/api/users', {
          username,
          display_name: displayName,
          role,
          scope,
          provinces,
          password,
        })
      props.onSaved()
    } catch (err) {
      if (err instanceof ApiError)
        setErrors(
          formErrors(
            err,
            ['username', 'display_name', 'role', 'provinces', 'scope', 'disabled', 'password'],
            lang,
          ),
        )
      else setErrors({ fields: {}, general: String(err) })
    }
  }

  const folded = filter.trim().toLowerCase()
  const shown = props.communes.filter(
    (c) =>
      scope.includes(c.code) || !folded || c.name.toLowerCase().includes(folded) || c.code.includes(folded),
  )
  return (
    <form className="adm-form adm-side-form" onSubmit={submit} data-testid="user-form">
      <h3>{u ? t('admin.users.edit', { name: u.username }) : t('admin.users.new')}</h3>
      {!u && (
        <Field name="username" label={t('admin.users.username')} error={errors.fields.username}>
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </Field>
      )}
      <Field name="display_name" label={t('admin.users.displayName')} error={errors.fields.display_name}>
        <input
          name="display_name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          required
        />
      </Field>
      <Field name="role" label={t('admin.users.role')} error={errors.fields.role}>
        <select name="role" value={role} onChange={(e) => setRole(e.target.value)}>
          <Options
            of={props.roles}
            value={(r) => r.code}
            label={(r) => (lang === 'en' ? r.name_en : r.name_vi)}
          />
        </select>
      </Field>
      {props.provinces.length > 0 && (
        <>
          <Field name="provinces" label={t('admin.users.provinces')} error={errors.fields.provinces}>
            <span className="muted">{t('admin.users.provincesHint')}</span>
          </Field>
          <Checklist
            units={props.provinces}
            chosen={provinces}
            onChange={setProvinces}
            testId="province-list"
          />
        </>
      )}
      <Field name="scope" label={t('admin.users.scope')} error={errors.fields.scope}>
        <input
          type="search"
          placeholder={t('admin.users.scopeFilter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="scope-filter"
        />
      </Field>
      <Checklist units={shown} chosen={scope} onChange={setScope} testId="scope-list" />
      <p className="muted adm-hint">
        {provinces.length
          ? t('admin.users.scopeCountProvinces', { n: scope.length, p: provinces.length })
          : scope.length
            ? t('admin.users.scopeCount', { n: scope.length })
            : t('admin.users.wholeProvince')}
      </p>
      <PasswordField
        name="password"
        label={u ? t('admin.users.resetPassword') : t('admin.users.password')}
        error={errors.fields.password}
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        required={!u}
      />
      {u && (
        <Field name="disabled" label={t('admin.users.disabled')} error={errors.fields.disabled}>
          <input
            type="checkbox"
            name="disabled"
            checked={disabled}
            onChange={(e) => setDisabled(e.target.checked)}
          />
        </Field>
      )}
      <GeneralError text={errors.general} />
      <div className="adm-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          {t('admin.cancel')}
        </button>
        <button type="submit" className="btn btn-primary">
          {t('admin.save')}
        </button>
      </div>
    </form>
  )
}

/** Units to tick, with their codes. */
function Checklist(props: {
  units: CommuneName[]
  chosen: string[]
  onChange: (codes: string[]) => void
  testId: string
}) {
  const { chosen, onChange } = props
  return (
    <div className="adm-checklist" data-testid={props.testId}>
      {props.units.map((c) => (
        <label key={c.code}>
          <input
            type="checkbox"
            value={c.code}
            checked={chosen.includes(c.code)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, c.code].sort() : chosen.filter((x) => x !== c.code))
            }
          />
          {c.name} <span className="muted">{c.code}</span>
        </label>
      ))}
    </div>
  )
}
