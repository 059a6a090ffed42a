import { sql, type Transaction } from 'kysely'
import type { ReplayDatabase, ReplayDb } from './replay.tables.js'

type Executor = ReplayDb | Transaction<ReplayDatabase>

/** One replayed order as stored: outcomes, scores and the fired rule ids of both versions. */
export interface ReplayOrderResult {
  order_id: string
  /** ISO string: rows travel to the database as one JSON document. */
  created_at: string
  label: string | null
  changed: boolean
  stored_facts: boolean
  baseline_outcome: string
  baseline_score: number
  baseline_rules: string[]
  baseline_errors: unknown
  candidate_outcome: string
  candidate_score: number
  candidate_rules: string[]
  candidate_errors: unknown
}

const ROWS_PER_STATEMENT = 5000

/**
 * Inserts a chunk's per-order rows. Each statement ships its rows as ONE jsonb parameter expanded
 * by jsonb_to_recordset: a single bind whatever the row count, and the same on postgres.js and PGlite.
 */
export async function insertReplayOrders(
  trx: Executor,
  key: { clientId: string; replayId: string; chunkNo: number },
  rows: readonly ReplayOrderResult[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))
    await sql`
      insert into replay_orders (client_id, replay_id, chunk_no, order_id, created_at, label, changed,
        stored_facts, baseline_outcome, baseline_score, baseline_rules, baseline_errors,
        candidate_outcome, candidate_score, candidate_rules, candidate_errors)
      select ${key.clientId}, ${key.replayId}, ${key.chunkNo}, x.order_id, x.created_at, x.label, x.changed,
        x.stored_facts, x.baseline_outcome, x.baseline_score, x.baseline_rules, x.baseline_errors,
        x.candidate_outcome, x.candidate_score, x.candidate_rules, x.candidate_errors
      from jsonb_to_recordset(${json}::text::jsonb) as x(order_id text, created_at timestamptz, label text,
        changed boolean, stored_facts boolean, baseline_outcome text, baseline_score double precision,
        baseline_rules text[], baseline_errors jsonb, candidate_outcome text, candidate_score double precision,
        candidate_rules text[], candidate_errors jsonb)`.execute(trx)
  }
}

export interface ReplayOrdersCursor {
  at: Date
  orderId: string
}

/** A page of replayed orders, newest first; `changed` keeps only orders whose outcome differs. */
export function listReplayOrders(
  db: Executor,
  key: { clientId: string; replayId: string },
  options: { changed: boolean; cursor: ReplayOrdersCursor | null; limit: number },
) {
  let q = db
    .selectFrom('replay_orders')
    .selectAll()
    .where('client_id', '=', key.clientId)
    .where('replay_id', '=', key.replayId)
  if (options.changed) q = q.where('changed', '=', true)
  if (options.cursor) {
    q = q.where(sql<boolean>`(created_at, order_id) < (${options.cursor.at}, ${options.cursor.orderId})`)
  }
  return q.orderBy('created_at', 'desc').orderBy('order_id', 'desc').limit(options.limit).execute()
}
