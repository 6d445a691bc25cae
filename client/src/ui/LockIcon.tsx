/**
 * A padlock drawn inline: the bundled font (Noto Sans) has no 🔒, and an emoji would come from whatever
 * font the system has, or not at all. Decorative (the word beside it says "locked"); takes the text colour.
 */
export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="0.9em" height="0.9em" aria-hidden="true">
      <title>🔒</title>
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  )
}
