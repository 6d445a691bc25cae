/**
 * A table's header row of plain column labels; an empty label is a column without a heading (its buttons).
 * The columns from `numFrom` on hold numbers: their headings align with them, right.
 */
export function TableHead({ labels, numFrom }: { labels: string[]; numFrom?: number }) {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are fixed, their place is their identity
          <th key={i} className={numFrom !== undefined && i >= numFrom ? 'num' : undefined}>
            {label || null}
          </th>
        ))}
      </tr>
    </thead>
  )
}
