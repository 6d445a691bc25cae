// Progress of imports running in this process, for GET /api/imports/:id while the upload's own
// transaction is still open (its rows are not visible to other transactions until it ends).

export interface Progress {
  phase: 'reading' | 'validating' | 'committing' | 'done'
  /** rows read and staged so far */
  processed: number
  userId: number
  startedAt: number
}

const running = new Map<string, Progress>()

export function startProgress(id: string, userId: number, phase: Progress['phase']): Progress {
  const p: Progress = { phase, processed: 0, userId, startedAt: Date.now() }
  running.set(id, p)
  return p
}

export const progressOf = (id: string): Progress | undefined => running.get(id)

/**
 * Marks the work done and forgets it a little later: the request's transaction commits after its handler
 * returns, and until then the import's own rows are not visible to a poll.
 */
export function endProgress(id: string, keepMs = 30_000) {
  const p = running.get(id)
  if (!p) return
  p.phase = 'done'
  setTimeout(() => {
    if (running.get(id) === p) running.delete(id)
  }, keepMs).unref()
}
