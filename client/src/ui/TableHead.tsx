/** A table's header row of plain column labels; an empty label is a column without a heading (its buttons). */
export function TableHead({ labels }: { labels: string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a table's columns are fixed, their place is their identity
          <th key={i}>{label || null}</th>
        ))}
      </tr>
    </thead>
  )
}
