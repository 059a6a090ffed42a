import { PgBoss } from 'pg-boss'
import type { ChunkJob } from './chunk-runner.js'
import type { ReplayScheduler } from './replay-scheduler.js'

/** The pg-boss queue replay chunks travel on (pg-boss keeps its tables in its own `pgboss` schema). */
export const CHUNK_QUEUE = 'replay-chunk'

/**
 * A chunk whose worker stops sending heartbeats for this long (killed, machine lost) is handed to
 * another worker. 10 s is pg-boss's minimum; heartbeats are refreshed every 5 s by the worker.
 */
export const CHUNK_HEARTBEAT_SECONDS = 10

/** Attempts before a chunk's job fails for good (a crash or an error each count one). */
export const CHUNK_RETRY_LIMIT = 4

export interface BossOptions {
  /** How often this instance looks for jobs whose heartbeat stopped (seconds). */
  superviseIntervalSeconds?: number
  /** Who this is in pg-boss's instance registry ("api", "worker"). */
  instanceName?: string
  /**
   * pg-boss's own errors (a lost connection, a failed maintenance query). The API hands them to its
   * JSON logger; by default they go to stderr as pg-boss writes them (multi-line, with its pg
   * client's settings).
   */
  onError?: (error: Error) => void
}

/** Starts pg-boss on the server (installing its schema the first time) and declares the chunk queue. */
export async function startBoss(url: string, options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    superviseIntervalSeconds: options.superviseIntervalSeconds ?? 5,
    instanceName: options.instanceName ?? 'verdict',
    // Workers wake the moment chunks are queued (LISTEN/NOTIFY on one extra connection) instead of
    // at their next poll: a replay used to wait up to 0.5 s before its first chunk started.
    useListenNotify: true,
  })
  boss.on('error', options.onError ?? ((error) => console.error('pg-boss:', error)))
  await boss.start()
  await boss.createQueue(CHUNK_QUEUE, {
    heartbeatSeconds: CHUNK_HEARTBEAT_SECONDS,
    retryLimit: CHUNK_RETRY_LIMIT,
    retryDelay: 1,
    // A chunk is bounded by its heartbeat, not by a wall-clock limit: big chunks may take minutes.
    expireInSeconds: 6 * 3600,
    notify: true,
  })
  // createQueue leaves an existing queue as it was: turn notify on for installs made before it.
  await boss.updateQueue(CHUNK_QUEUE, { notify: true })
  return boss
}

/** Queues a replay's chunks on pg-boss, for `pnpm worker` processes (any number, any machine). */
export function createQueueScheduler(boss: PgBoss): ReplayScheduler {
  return {
    runner: 'queue',
    async enqueue({ clientId, replayId, chunks }) {
      // A chunk may run more than once (a retry after a stalled heartbeat whose worker was in fact
      // alive): runChunk commits a chunk's results only once, so jobs need no uniqueness of their own.
      const jobs = Array.from({ length: chunks }, (_, chunkNo) => ({
        data: { clientId, replayId, chunkNo } satisfies ChunkJob,
      }))
      for (let i = 0; i < jobs.length; i += 1000) await boss.insert(CHUNK_QUEUE, jobs.slice(i, i + 1000))
    },
  }
}
