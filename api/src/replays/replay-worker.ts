import { availableParallelism, hostname } from 'node:os'
import { createDatabase } from '../db/database.js'
import { createChunkPool } from './chunk-pool.js'
import { type ChunkJob, runChunk } from './chunk-runner.js'
import { asReplayDb } from './replay.tables.js'
import { CHUNK_QUEUE, CHUNK_RETRY_LIMIT, startBoss } from './replay-queue.js'
import { replayReaderUrl } from './replay-reader-url.js'
import { finishReplay, replayFailureMessage } from './replays.repository.js'

export interface ReplayWorkerOptions {
  /** postgres://… of the server the API uses (pg-boss needs a real server). */
  url: string
  /** Worker threads, each running one chunk at a time; 0 runs chunks on the main thread. */
  threads: number
  /** Orders per database page (runChunk's default when absent). */
  pageSize?: number
  /** Seconds between looks for chunks whose worker died (pg-boss supervise). */
  superviseIntervalSeconds?: number
  log?: (message: string) => void
  /** The queue's own errors (BossOptions.onError). */
  onError?: (error: Error) => void
}

/**
 * Chunk threads for REPLAY_THREADS (an integer ≥ 0), by default one per core. A spare thread to fill
 * the time a thread waits for its next page did not pay: bench:replay on 2 cores, back to back,
 * 2 threads 41.3k / 39.6k orders/s, 3 threads 39.5k / 38.7k (more CPU per order in contention).
 */
export function replayThreads(env: Record<string, string | undefined> = process.env): number {
  const threads = Number(env.REPLAY_THREADS ?? availableParallelism())
  return Number.isInteger(threads) && threads >= 0 ? threads : 1
}

export interface ReplayWorker {
  name: string
  stop(): Promise<void>
}

/**
 * Takes replay chunks from pg-boss until stopped. Any number of these may run, on any machines:
 * a chunk is one job; its results commit in one transaction that counts it once; a worker that
 * dies stops heart-beating and its chunk goes to another worker after CHUNK_HEARTBEAT_SECONDS.
 */
export async function startReplayWorker(options: ReplayWorkerOptions): Promise<ReplayWorker> {
  const name = `${hostname()}:${process.pid}`
  const log = options.log ?? (() => {})
  const db = await createDatabase({ url: replayReaderUrl(options.url), maxConnections: 4 })
  const pool =
    options.threads > 0 ? createChunkPool(options.url, options.threads, name, options.pageSize) : null
  const boss = await startBoss(options.url, {
    instanceName: 'replay-worker',
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.superviseIntervalSeconds
      ? { superviseIntervalSeconds: options.superviseIntervalSeconds }
      : {}),
  })
  await boss.work<ChunkJob>(
    CHUNK_QUEUE,
    {
      localConcurrency: Math.max(1, options.threads),
      batchSize: 1,
      pollingIntervalSeconds: 0.5,
      // With notify on, pg-boss would otherwise wait up to 30 s before looking for the next
      // already-queued chunk after a short one; polling stays as it was, notify only wakes sooner.
      notifyPollingIntervalSeconds: 0.5,
    },
    async ([job]) => {
      if (!job) return
      const started = Date.now()
      try {
        const outcome = pool
          ? await pool.run(job.data)
          : await runChunk(db.db, job.data, {
              worker: name,
              ...(options.pageSize ? { pageSize: options.pageSize } : {}),
            })
        log(`chunk ${job.data.replayId}#${job.data.chunkNo}: ${outcome} in ${Date.now() - started} ms`)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        log(
          `chunk ${job.data.replayId}#${job.data.chunkNo} failed (attempt ${job.retryCount + 1}): ${message}`,
        )
        if (job.retryCount >= CHUNK_RETRY_LIMIT) {
          await finishReplay(asReplayDb(db.db), job.data.clientId, job.data.replayId, {
            status: 'failed',
            error: replayFailureMessage(error),
          })
        }
        throw error
      }
    },
  )
  log(`replay worker ${name} started (${options.threads} threads)`)
  return {
    name,
    async stop() {
      await boss.stop({ graceful: true, timeout: 60_000 })
      await pool?.close()
      await db.close()
    },
  }
}
