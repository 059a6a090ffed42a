import type { PolicyDocument, ReplaySummary } from '@verdict/engine'
import { emptyAggregate, summarize } from '@verdict/engine'
import type { Kysely } from 'kysely'
import { ulid } from 'ulid'
import type { Principal } from '../context.js'
import type { Database } from '../db/tables.js'
import { ApiError, notFound } from '../errors.js'
import { findVersionDocument } from '../policies/policies.repository.js'
import { checkDocumentAt } from '../policies/policies.service.js'
import { databaseNow, planChunks, storeFirstOrderEmails } from './order-source.repository.js'
import { asReplayDb, type ReplayRow } from './replay.tables.js'
import type { ReplayScheduler } from './replay-scheduler.js'
import { cancelReplay, findReplay, finishReplay, insertReplay, processedCount } from './replays.repository.js'
import { type CreateReplayBody, instantOf, type ReplayResponse } from './replays.schemas.js'

export interface ReplayServiceDeps {
  db: Kysely<Database>
  scheduler: ReplayScheduler
  /** Orders per chunk: the unit of work a worker takes and of retry after a crash. */
  chunkSize: number
}

async function versionDocument(db: Kysely<Database>, clientId: string, version: number, path: string) {
  const row = await findVersionDocument(db, clientId, version)
  if (!row) {
    throw new ApiError('validation_failed', 'request is not valid', [
      { path, message: `policy version ${version} does not exist` },
    ])
  }
  return row.document as PolicyDocument
}

/** Stores a replay with its chunk plan and queues the chunks; answers its id. */
export async function createReplay(
  deps: ReplayServiceDeps,
  client: { id: string; liveVersion: number | null },
  principal: Principal,
  body: CreateReplayBody,
): Promise<{ replayId: string }> {
  const { db } = deps
  const baselineVersion = body.baseline?.version ?? client.liveVersion
  if (baselineVersion === null) throw new ApiError('no_live_policy', 'the client has no live policy version')
  const baselineDocument = await versionDocument(db, client.id, baselineVersion, 'baseline.version')
  const candidate =
    'version' in body.candidate
      ? {
          version: body.candidate.version,
          document: await versionDocument(db, client.id, body.candidate.version, 'candidate.version'),
        }
      : { version: null, document: checkDocumentAt(body.candidate.document, 'candidate.document').document }
  const range = {
    from: body.from ? instantOf(body.from) : null,
    to: body.to ? instantOf(body.to) : null,
    limit: body.limit ?? null,
    asOf: await databaseNow(db),
  }
  const chunks = await planChunks(db, client.id, range, deps.chunkSize)
  const total = chunks.reduce((n, c) => n + c.orders, 0)
  const replayId = `rpl_${ulid()}`
  await asReplayDb(db)
    .transaction()
    .execute(async (trx) => {
      await insertReplay(
        trx,
        {
          client_id: client.id,
          replay_id: replayId,
          status: 'queued',
          baseline_version: baselineVersion,
          baseline_document: baselineDocument,
          candidate_version: candidate.version,
          candidate_document: candidate.document,
          range_from: range.from,
          range_to: range.to,
          order_limit: range.limit,
          as_of: range.asOf,
          total,
          chunk_count: chunks.length,
          runner: deps.scheduler.runner,
          created_by: principal.keyId,
        },
        chunks.map((c, chunkNo) => ({
          client_id: client.id,
          replay_id: replayId,
          chunk_no: chunkNo,
          lo_at: c.lo.at,
          lo_order_id: c.lo.orderId,
          hi_at: c.hi.at,
          hi_order_id: c.hi.orderId,
          orders: c.orders,
        })),
      )
      if (chunks.length > 0) await storeFirstOrderEmails(trx, client.id, replayId, range.asOf)
      if (chunks.length === 0) {
        // Nothing to replay: done at once, with the summary of no orders.
        const summary = summarize(
          emptyAggregate(),
          { version: baselineVersion, document: baselineDocument },
          { version: candidate.version, document: candidate.document },
        )
        await finishReplay(trx, client.id, replayId, { status: 'done', summary })
      }
    })
  if (chunks.length > 0)
    await deps.scheduler.enqueue({ clientId: client.id, replayId, chunks: chunks.length })
  return { replayId }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function replayRowToResponse(row: ReplayRow, processed: number): ReplayResponse {
  return {
    replayId: row.replay_id,
    status: row.status,
    processed: row.status === 'done' ? row.total : (row.processed_at_end ?? processed),
    total: row.total,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    summary: row.status === 'done' ? (row.summary as ReplaySummary) : null,
    baseline: { version: row.baseline_version },
    candidate: { version: row.candidate_version },
    range: { from: iso(row.range_from), to: iso(row.range_to), limit: row.order_limit },
    chunks: row.chunk_count,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  }
}

export async function getReplay(
  db: Kysely<Database>,
  clientId: string,
  replayId: string,
): Promise<ReplayResponse> {
  const rdb = asReplayDb(db)
  const row = await findReplay(rdb, clientId, replayId)
  if (!row) throw notFound('replay')
  return replayRowToResponse(row, await processedCount(rdb, clientId, replayId))
}

/** Cancels a queued or running replay; a finished one answers 409. */
export async function cancel(
  db: Kysely<Database>,
  clientId: string,
  replayId: string,
): Promise<ReplayResponse> {
  const rdb = asReplayDb(db)
  const status = await cancelReplay(rdb, clientId, replayId)
  if (status === undefined) throw notFound('replay')
  if (status !== 'cancelled') throw new ApiError('conflict', `the replay is already ${status}`)
  return getReplay(db, clientId, replayId)
}
