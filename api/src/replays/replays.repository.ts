import type { ReplayAggregate, ReplaySummary } from '@verdict/engine'
import { type Insertable, sql, type Transaction } from 'kysely'
import { sqlState } from '../db/pg-errors.js'
import type {
  ReplayChunkTable,
  ReplayDatabase,
  ReplayDb,
  ReplayStatus,
  ReplayTable,
} from './replay.tables.js'

type Executor = ReplayDb | Transaction<ReplayDatabase>

export async function insertReplay(
  db: Executor,
  replay: Insertable<ReplayTable>,
  chunks: Insertable<ReplayChunkTable>[],
): Promise<void> {
  await db.insertInto('replays').values(replay).execute()
  for (let i = 0; i < chunks.length; i += 1000) {
    await db
      .insertInto('replay_chunks')
      .values(chunks.slice(i, i + 1000))
      .execute()
  }
}

export function findReplay(db: Executor, clientId: string, replayId: string) {
  return db
    .selectFrom('replays')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .executeTakeFirst()
}

/** Orders processed so far: final counts of done chunks plus the progress of running ones. */
export async function processedCount(db: Executor, clientId: string, replayId: string): Promise<number> {
  const row = await db
    .selectFrom('replay_chunks')
    .select(sql<number>`coalesce(sum(processed), 0)::int`.as('n'))
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .executeTakeFirstOrThrow()
  return row.n
}

export function findChunk(db: Executor, clientId: string, replayId: string, chunkNo: number) {
  return db
    .selectFrom('replay_chunks')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .where('chunk_no', '=', chunkNo)
    .executeTakeFirst()
}

/**
 * Whether the replay covered the order at this (created_at, order_id): its chunks are the keyset
 * ranges [lo, hi] of the orders it planned, so an order outside all of them was not replayed.
 */
export async function coversOrder(
  db: Executor,
  clientId: string,
  replayId: string,
  key: { at: Date; orderId: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('replay_chunks')
    .select('chunk_no')
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .where(sql<boolean>`(lo_at, lo_order_id) <= (${key.at}, ${key.orderId})`)
    .where(sql<boolean>`(hi_at, hi_order_id) >= (${key.at}, ${key.orderId})`)
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}

/** Starts an attempt at a chunk that is not done yet (its progress restarts from 0); false if done. */
export async function startChunkAttempt(
  db: Executor,
  key: { clientId: string; replayId: string; chunkNo: number },
  worker: string,
): Promise<boolean> {
  const started = await db
    .updateTable('replay_chunks')
    .set((eb) => ({
      status: 'running',
      processed: 0,
      attempts: eb('attempts', '+', 1),
      worker,
      started_at: sql<Date>`now()`,
    }))
    .where('client_id', '=', key.clientId)
    .where('replay_id', '=', key.replayId)
    .where('chunk_no', '=', key.chunkNo)
    .where('status', '<>', 'done')
    .returning('chunk_no')
    .executeTakeFirst()
  if (!started) return false
  await db
    .updateTable('replays')
    .set({ status: 'running', started_at: sql<Date>`coalesce(started_at, now())` })
    .where('client_id', '=', key.clientId)
    .where('replay_id', '=', key.replayId)
    .where('status', '=', 'queued')
    .execute()
  return true
}

/** Progress of a running attempt (informational; the final count is written with the results). */
export async function setChunkProgress(
  db: Executor,
  key: { clientId: string; replayId: string; chunkNo: number },
  processed: number,
): Promise<void> {
  await db
    .updateTable('replay_chunks')
    .set({ processed })
    .where('client_id', '=', key.clientId)
    .where('replay_id', '=', key.replayId)
    .where('chunk_no', '=', key.chunkNo)
    .where('status', '=', 'running')
    .execute()
}

/**
 * Marks the chunk done with its aggregate, unless an earlier attempt already did (then nothing is
 * written and the caller rolls back: the chunk counts once). Runs inside the results transaction.
 */
export async function markChunkDone(
  trx: Transaction<ReplayDatabase>,
  key: { clientId: string; replayId: string; chunkNo: number },
  aggregate: ReplayAggregate,
): Promise<boolean> {
  const row = await trx
    .updateTable('replay_chunks')
    .set({ status: 'done', aggregate, processed: aggregate.total, finished_at: sql<Date>`now()` })
    .where('client_id', '=', key.clientId)
    .where('replay_id', '=', key.replayId)
    .where('chunk_no', '=', key.chunkNo)
    .where('status', '<>', 'done')
    .returning('chunk_no')
    .executeTakeFirst()
  return row !== undefined
}

/** Locks the replay row: chunk completions of one replay serialise on it, so exactly one finalises. */
export function lockReplay(trx: Transaction<ReplayDatabase>, clientId: string, replayId: string) {
  return trx
    .selectFrom('replays')
    .select(['status', 'chunk_count'])
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .forUpdate()
    .executeTakeFirst()
}

/** Aggregates of done chunks, and how many chunks are not done. */
export async function chunkAggregates(db: Executor, clientId: string, replayId: string) {
  const rows = await db
    .selectFrom('replay_chunks')
    .select(['status', 'aggregate'])
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .execute()
  return {
    pending: rows.filter((r) => r.status !== 'done').length,
    aggregates: rows.flatMap((r) => (r.status === 'done' && r.aggregate ? [r.aggregate] : [])),
  }
}

/**
 * What a failed replay tells its reader about the cause. Our own errors say what in the data stopped
 * the chunk (an amount that is not exact, say); a database error's text names tables, columns and
 * constraints, so it is only logged, and the reader gets this instead.
 */
export function replayFailureMessage(error: unknown): string {
  if (sqlState(error) !== undefined) return 'a database error stopped this replay (logged on the server)'
  return error instanceof Error ? error.message : String(error)
}

/** In an update of `replays`: its chunks' progress now (what a replay ending other than done keeps). */
const processedSoFar = sql<number>`(select coalesce(sum(c.processed), 0)::int from replay_chunks c
  where c.client_id = replays.client_id and c.replay_id = replays.replay_id)`

export async function finishReplay(
  db: Executor,
  clientId: string,
  replayId: string,
  outcome: { status: 'done'; summary: ReplaySummary } | { status: 'failed'; error: string },
): Promise<void> {
  await db
    .updateTable('replays')
    .set({
      status: outcome.status,
      // A replay with nothing to replay is done at once: it started when it finished.
      ...(outcome.status === 'done'
        ? { summary: outcome.summary, started_at: sql<Date>`coalesce(started_at, now())` }
        : { error: outcome.error, processed_at_end: processedSoFar }),
      finished_at: sql<Date>`now()`,
    })
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .where('status', 'in', ['queued', 'running'])
    .execute()
}

/** Cancels a replay that has not finished; answers the status it ends with. */
export async function cancelReplay(
  db: Executor,
  clientId: string,
  replayId: string,
): Promise<ReplayStatus | undefined> {
  await db
    .updateTable('replays')
    .set({ status: 'cancelled', finished_at: sql<Date>`now()`, processed_at_end: processedSoFar })
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .where('status', 'in', ['queued', 'running'])
    .execute()
  return (await findReplay(db, clientId, replayId))?.status
}

export async function replayStatus(db: Executor, clientId: string, replayId: string) {
  const row = await db
    .selectFrom('replays')
    .select('status')
    .where('client_id', '=', clientId)
    .where('replay_id', '=', replayId)
    .executeTakeFirst()
  return row?.status
}
