import { Worker } from 'node:worker_threads'
import type { LinearModel } from '@antt/analysis'

export interface SolveResult {
  /** optimal, time_limit (best found so far), infeasible, or another HiGHS model status */
  status: string
  objective: number | null
  /** best proven bound on the objective (null before the branch and bound has one) */
  bound: number | null
  /** relative gap |bound − objective| / |objective|: 0 when optimal, null when either is missing */
  gap: number | null
  colValue: number[] | null
  /** solver time inside the worker, ms */
  timeMs: number
}

/** Longest a solve may overrun its own time limit before the worker is ended (model building, start-up). */
const OVERRUN_MS = 15_000

interface Job {
  id: number
  model: LinearModel
  start?: number[]
  timeLimitS: number
  resolve: (r: SolveResult) => void
  reject: (e: Error) => void
}

/**
 * HiGHS in one worker thread, shared by every request: solves run one after another (a solve uses one core;
 * the server has others to answer with), each within its time limit. A worker that does not answer in time
 * is ended and a new one started for the next solve.
 */
class HighsWorker {
  private worker: Worker | null = null
  private queue: Job[] = []
  private running: Job | null = null
  private timer: NodeJS.Timeout | null = null
  private nextId = 1

  solve(model: LinearModel, timeLimitS: number, start?: number[]): Promise<SolveResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, model, start, timeLimitS, resolve, reject })
      this.pump()
    })
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./highs-worker.mjs', import.meta.url))
    w.on('message', (msg: SolveResult & { id: number; error?: string }) => {
      const job = this.running
      if (!job || msg.id !== job.id) return
      this.finish()
      if (msg.error) job.reject(new Error(`solver: ${msg.error}`))
      else job.resolve(msg)
    })
    w.on('error', (err) => this.fail(err))
    w.on('exit', () => {
      if (this.worker === w) this.worker = null
      this.fail(new Error('solver worker stopped'))
    })
    return w
  }

  private finish() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.running = null
    if (this.queue.length === 0) this.worker?.unref()
    this.pump()
  }

  private fail(err: Error) {
    const job = this.running
    if (!job) return
    this.finish()
    job.reject(err)
  }

  private pump() {
    if (this.running) return
    const job = this.queue.shift()
    if (!job) return
    this.running = job
    if (!this.worker) this.worker = this.spawn()
    this.worker.ref()
    this.timer = setTimeout(
      () => {
        const w = this.worker
        this.worker = null
        this.fail(new Error(`solver did not stop within ${job.timeLimitS} s`))
        void w?.terminate()
      },
      job.timeLimitS * 1000 + OVERRUN_MS,
    )
    const { model, start, timeLimitS, id } = job
    this.worker.postMessage({ id, model, start, timeLimitS })
  }
}

const shared = new HighsWorker()

/** Solves a covering model with HiGHS in the shared worker thread; `start` is an optional MIP start. */
export const solveWithHighs = (model: LinearModel, timeLimitS: number, start?: number[]) =>
  shared.solve(model, timeLimitS, start)
