import type { Kysely } from 'kysely'
import type { Logger } from '../context.js'
import type { Database } from '../db/tables.js'
import { type ChunkJob, runChunk } from './chunk-runner.js'
import { asReplayDb } from './replay.tables.js'
import { finishReplay, replayFailureMessage } from './replays.repository.js'

/** Where a replay's chunks run. */
export interface ReplayScheduler {
  readonly runner: 'queue' | 'in_process'
  /** Queues chunks 0 … chunks−1 of a replay that is already stored. */
  enqueue(replay: { clientId: string; replayId: string; chunks: number }): Promise<void>
}

/** Attempts per chunk before the replay is marked failed (a crash or an error each count one). */
export const CHUNK_ATTEMPTS = 3

/**
 * Runs chunks inside this process, one after another, in the background. This is what PGlite gets
 * (pg-boss and other worker processes need a real server to connect to) and the default when no
 * queue is configured. Each chunk awaits the database between pages, so requests keep being served.
 */
export function createInProcessScheduler(
  db: Kysely<Database>,
  options: { logger?: Logger; pageSize?: number } = {},
): ReplayScheduler & { idle(): Promise<void> } {
  let tail: Promise<void> = Promise.resolve()
  const worker = `in-process:${process.pid}`
  const runOne = async (job: ChunkJob) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await runChunk(db, job, {
          worker,
          ...(options.pageSize ? { pageSize: options.pageSize } : {}),
        })
        return outcome
      } catch (error) {
        options.logger?.error({ err: error, ...job, attempt }, 'replay chunk failed')
        if (attempt >= CHUNK_ATTEMPTS) {
          await finishReplay(asReplayDb(db), job.clientId, job.replayId, {
            status: 'failed',
            error: replayFailureMessage(error),
          })
          return 'cancelled' as const
        }
      }
    }
  }
  return {
    runner: 'in_process',
    async enqueue({ clientId, replayId, chunks }) {
      tail = tail
        .then(async () => {
          for (let chunkNo = 0; chunkNo < chunks; chunkNo++) {
            if ((await runOne({ clientId, replayId, chunkNo })) === 'cancelled') return
          }
        })
        .catch((error) => options.logger?.error({ err: error, replayId }, 'replay could not be finished'))
    },
    idle: () => tail,
  }
}

/**
 * Replays the in-process runner had not finished when this process stopped (a restart, a crash)
 * are queued again at start, in the order they were created: done chunks are kept (runChunk skips
 * them) and the others run from scratch, so every order is still counted once. Only for the
 * in-process runner, which is the database's single owner (PGlite); pg-boss retries queued chunks
 * itself.
 */
export async function resumeInProcessReplays(
  db: Kysely<Database>,
  scheduler: ReplayScheduler,
): Promise<number> {
  const unfinished = await asReplayDb(db)
    .selectFrom('replays')
    .select(['client_id', 'replay_id', 'chunk_count'])
    .where('runner', '=', 'in_process')
    .where('status', 'in', ['queued', 'running'])
    .orderBy('created_at')
    .execute()
  for (const r of unfinished) {
    await scheduler.enqueue({ clientId: r.client_id, replayId: r.replay_id, chunks: r.chunk_count })
  }
  return unfinished.length
}

// One in-process scheduler per database handle, for apps built without an explicit scheduler.
const defaults = new WeakMap<Kysely<Database>, ReplayScheduler>()

export function defaultScheduler(db: Kysely<Database>, logger?: Logger): ReplayScheduler {
  let scheduler = defaults.get(db)
  if (!scheduler) {
    scheduler = createInProcessScheduler(db, logger ? { logger } : {})
    defaults.set(db, scheduler)
  }
  return scheduler
}
