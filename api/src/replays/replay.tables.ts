import type { ReplayAggregate, ReplaySummary } from '@verdict/engine'
import type { ColumnType, Generated, Kysely, Selectable } from 'kysely'
import type { Database } from '../db/tables.js'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T = unknown> = ColumnType<T, T, T>

export type ReplayStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
export type ReplayRunner = 'queue' | 'in_process'

export interface ReplayTable {
  client_id: string
  replay_id: string
  status: ReplayStatus
  baseline_version: number
  baseline_document: Json
  candidate_version: number | null
  candidate_document: Json
  range_from: Timestamp | null
  range_to: Timestamp | null
  order_limit: number | null
  total: number
  chunk_count: number
  runner: ReplayRunner
  error: string | null
  summary: Json<ReplaySummary> | null
  created_by: string
  created_at: Generated<Date>
  /** The orders it covers were stored by then (see AsOf); read it as text, never as a Date. */
  as_of: ColumnType<Date, string, string> | null
  started_at: Timestamp | null
  finished_at: Timestamp | null
  /** Orders processed when it was cancelled or failed (what every later read answers); else null. */
  processed_at_end: Generated<number | null>
}

export interface ReplayChunkTable {
  client_id: string
  replay_id: string
  chunk_no: number
  lo_at: Timestamp
  lo_order_id: string
  hi_at: Timestamp | null
  hi_order_id: string | null
  orders: number
  /** E-mails whose first order lies in the chunk's stream (isFirstOrder); null until computed. */
  first_emails: string[] | null
  status: Generated<'queued' | 'running' | 'done'>
  processed: Generated<number>
  attempts: Generated<number>
  aggregate: Json<ReplayAggregate> | null
  worker: string | null
  started_at: Timestamp | null
  finished_at: Timestamp | null
}

export interface ReplayOrderTable {
  client_id: string
  replay_id: string
  created_at: Timestamp
  order_id: string
  chunk_no: number
  label: string | null
  changed: boolean
  stored_facts: boolean
  baseline_outcome: string
  baseline_score: number
  baseline_rules: string[]
  baseline_errors: Json | null
  candidate_outcome: string
  candidate_score: number
  candidate_rules: string[]
  candidate_errors: Json | null
}

export interface ReplayOrderSegmentTable {
  client_id: string
  replay_id: string
  chunk_no: number
  segment_no: number
  count: number
  /** JSON text of CompactReplayOrder[] in (created_at, order_id) order. */
  orders: string
}

export type ReplayTables = {
  replays: ReplayTable
  replay_chunks: ReplayChunkTable
  replay_orders: ReplayOrderTable
  replay_order_segments: ReplayOrderSegmentTable
}

/** The core's tables plus ours; `asReplayDb(db)` widens a core handle without a cast at each call. */
export type ReplayDatabase = Database & ReplayTables
export type ReplayDb = Kysely<ReplayDatabase>
export const asReplayDb = (db: Kysely<Database>): ReplayDb => db.withTables<ReplayTables>()

export type ReplayRow = Selectable<ReplayTable>
export type ReplayChunkRow = Selectable<ReplayChunkTable>
export type ReplayOrderRow = Selectable<ReplayOrderTable>
