import type { PgBoss } from 'pg-boss'
import { createQueueScheduler, startBoss } from './replay-queue.js'
import type { ReplayScheduler } from './replay-scheduler.js'
import { type ReplayWorker, replayThreads, startReplayWorker } from './replay-worker.js'

export interface QueueReplays {
  scheduler: ReplayScheduler
  /** The chunk worker inside this process, unless REPLAY_IN_PROCESS_WORKER=0. */
  worker: ReplayWorker | null
  stop(): Promise<void>
}

/**
 * Replays of an API on a PostgreSQL server: chunks go to pg-boss, and this process also works the
 * queue (so one `pnpm start` finishes replays on its own) unless REPLAY_IN_PROCESS_WORKER=0, e.g.
 * when dedicated `pnpm worker` processes should keep the API's cores free for requests.
 */
export async function startQueueReplays(
  url: string,
  env: Record<string, string | undefined> = process.env,
  log: (message: string) => void = () => {},
  onError?: (error: Error) => void,
): Promise<QueueReplays> {
  const boss: PgBoss = await startBoss(url, { instanceName: 'api', ...(onError ? { onError } : {}) })
  const worker =
    env.REPLAY_IN_PROCESS_WORKER === '0'
      ? null
      : await startReplayWorker({
          url,
          threads: replayThreads(env),
          ...(Number(env.REPLAY_PAGE_SIZE) > 0 ? { pageSize: Number(env.REPLAY_PAGE_SIZE) } : {}),
          log,
          ...(onError ? { onError } : {}),
        })
  return {
    scheduler: createQueueScheduler(boss),
    worker,
    async stop() {
      await worker?.stop()
      await boss.stop({ graceful: true, timeout: 10_000 })
    },
  }
}
