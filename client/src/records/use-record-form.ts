import { type ChangeEvent, type FormEvent, useState } from 'react'
import { ApiError } from '../api/client.ts'
import { useI18n } from '../state/use-i18n.ts'
import { type FormErrors, formErrors, NO_ERRORS } from '../ui/field-errors.ts'

type Values = Record<string, string>

/** Form values as strings, the API's problems per field, and a saved notice. */
export function useRecordForm<T extends Values>(initial: T) {
  const { lang } = useI18n()
  const [values, setValues] = useState<T>(initial)
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS)
  const [saved, setSaved] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (patch: Partial<T>) => setValues((v) => ({ ...v, ...patch }))
  const bind = (name: keyof T & string) => ({
    name,
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      set({ [name]: e.target.value } as Partial<T>),
  })
  /** Runs a save; `fn` resolves to the notice shown on success. */
  const run = async (fn: () => Promise<string>) => {
    setBusy(true)
    setErrors(NO_ERRORS)
    setSaved(null)
    try {
      setSaved(await fn())
    } catch (err) {
      if (err instanceof ApiError) setErrors(formErrors(err, Object.keys(values), lang))
      else setErrors({ fields: {}, general: String(err) })
    } finally {
      setBusy(false)
    }
  }
  /** The form's submit handler: runs `fn` as a save instead of the browser's own submit. */
  const submit = (fn: () => Promise<string>) => (e: FormEvent) => {
    e.preventDefault()
    void run(fn)
  }
  /** The props of a Field for `name`: its name, its label and its problem. */
  const field = (name: keyof T & string, label: string) => ({ name, label, error: errors.fields[name] })
  /** The props of a DateField for `name`: those of its Field, its value and its setter. */
  const date = (name: keyof T & string, label: string) => ({
    ...field(name, label),
    value: values[name],
    onDate: (x: string) => set({ [name]: x } as Partial<T>),
  })
  return { values, set, setValues, bind, field, date, errors, saved, busy, run, submit }
}
