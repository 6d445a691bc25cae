import { type InputHTMLAttributes, useEffect, useState } from 'react'
import { parseDayMonthYear, toDayMonthYear } from '../i18n/day-month-year.ts'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'min' | 'max'> & {
  /** ISO date, or '' */
  value: string
  /**
   * The ISO date once the text is a calendar date within [min, max]; with `raw`, also what was typed
   * otherwise (a form then sends it and the API names the field).
   */
  onDate: (value: string) => void
  raw?: boolean
  min?: string
  max?: string
}

/**
 * A date field written dd/mm/yyyy, as every date in the interface. The browser's own date input shows the
 * order of the browser's locale (mm/dd/yyyy in an English Chromium), which reads wrong beside the rest.
 */
export function DateInput({ value, onDate, raw, min, max, className, ...rest }: Props) {
  const [text, setText] = useState(toDayMonthYear(value))
  useEffect(() => {
    setText((t) => (parseDayMonthYear(t) === value ? t : toDayMonthYear(value)))
  }, [value])
  const iso = parseDayMonthYear(text)
  const inRange = iso !== null && (!min || iso >= min) && (!max || iso <= max)
  const invalid = text.trim() !== '' && !inRange
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      className={`date-input${className ? ` ${className}` : ''}`}
      value={text}
      aria-invalid={invalid || undefined}
      title={min && max ? `${toDayMonthYear(min)} – ${toDayMonthYear(max)}` : undefined}
      onChange={(e) => {
        setText(e.target.value)
        const v = parseDayMonthYear(e.target.value)
        if (v !== null && (!min || v >= min) && (!max || v <= max)) onDate(v)
        else if (raw) onDate(e.target.value)
      }}
      onBlur={() => {
        if (inRange) setText(toDayMonthYear(iso as string))
      }}
    />
  )
}
