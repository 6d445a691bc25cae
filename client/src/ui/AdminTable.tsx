import type { ReactNode } from 'react'
import { TableHead } from './TableHead.tsx'

/**
 * A list of the administration screens (`adm-table`): a heading per column, translated by `label` from the
 * column's name (an empty name is a column without a heading, for its buttons), and the rows given.
 */
export function AdminTable<const C extends string>(props: {
  testId: string
  columns: readonly C[]
  label: (column: Exclude<C, ''>) => string
  children: ReactNode
}) {
  return (
    <table className="adm-table" data-testid={props.testId}>
      <TableHead labels={props.columns.map((c) => (c === '' ? '' : props.label(c as Exclude<C, ''>)))} />
      <tbody>{props.children}</tbody>
    </table>
  )
}
