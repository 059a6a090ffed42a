import { Worker } from 'node:worker_threads'
import type { ChunkJob, ChunkOutcome } from './chunk-runner.js'

export interface ChunkPool {
  size: number
  run(job: ChunkJob): Promise<ChunkOutcome>
  close(): Promise<void>
}

type Reply = 'ready' | ThreadReply
type ThreadReply = { outcome?: ChunkOutcome; error?: string; code?: string }

interface Slot {
  thread: Worker
  ready: Promise<void>
  busy: boolean
  /** Settles the chunk the thread is running; a thread that dies fails it. */
  settle?: (reply: ThreadReply) => void
}

/**
 * A chunk thread allocates ~100 short-lived objects per order (the parsed order, its facts, two
 * results) that die before the next order: a larger young generation collects them less often.
 * bench:replay, back to back: 64 MB 50.4k / 49.3k orders/s, the default 48.0k / 48.0k; 128 MB no
 * better than 64.
 */
export const YOUNG_GENERATION_MB = 64

/**
 * Runs chunks on `size` worker threads, each with its own database connection: a chunk is CPU-bound
 * (facts and two evaluations per order), so threads are what puts both cores to work. Callers never
 * submit more chunks than there are threads (pg-boss localConcurrency = size). A thread that dies
 * fails its chunk (pg-boss retries it) and is replaced.
 */
export function createChunkPool(url: string, size: number, worker: string, pageSize?: number): ChunkPool {
  let closing = false
  const spawn = (i: number): Slot => {
    const thread = new Worker(new URL('./chunk-thread-entry.mjs', import.meta.url), {
      workerData: { url, worker: `${worker}/t${i}`, pageSize },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    })
    const slot: Slot = { thread, ready: Promise.resolve(), busy: false }
    slot.ready = new Promise<void>((resolve) => {
      thread.on('message', (m: Reply) => (m === 'ready' ? resolve() : slot.settle?.(m)))
    })
    const died = (why: string) => {
      slot.settle?.({ error: `replay thread ${i} ${why}` })
      if (!closing) slots[i] = spawn(i)
    }
    thread.on('error', (error) => died(`crashed: ${error.message}`))
    thread.on('exit', (code) => code !== 0 && died(`exited with code ${code}`))
    return slot
  }
  const slots: Slot[] = []
  for (let i = 0; i < size; i++) slots.push(spawn(i))
  return {
    size,
    async run(job) {
      const slot = slots.find((s) => !s.busy)
      if (!slot) throw new Error('chunk pool: every thread is busy')
      slot.busy = true
      try {
        await slot.ready
        const reply = await new Promise<ThreadReply>((resolve) => {
          slot.settle = resolve
          slot.thread.postMessage(job)
        })
        if (reply.error !== undefined) throw Object.assign(new Error(reply.error), { code: reply.code })
        return reply.outcome!
      } finally {
        slot.settle = undefined
        slot.busy = false
      }
    },
    async close() {
      closing = true
      await Promise.all(
        slots.map(async (s) => {
          const exited = new Promise((r) => s.thread.once('exit', r))
          s.thread.postMessage('close')
          await exited
        }),
      )
    },
  }
}
