import { sql, type Transaction } from 'kysely'
import { ChunkResults } from './chunk-results.js'
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

/**
 * The same fields as a JSON array, in this order, as segments store them: [orderId, createdAt (ISO),
 * label, storedFacts, baselineOutcome, baselineScore, baselineRules, baselineErrors,
 * candidateOutcome, candidateScore, candidateRules, candidateErrors]. candidateRules is SAME (0)
 * when the candidate fired exactly the baseline's rules, the common case: a segment is then about
 * half the text to build, write and compress.
 */
export type CompactReplayOrder = [
  string,
  string,
  string | null,
  boolean,
  string,
  number,
  string[],
  unknown,
  string,
  number,
  string[] | typeof SAME,
  unknown,
]

/** candidateRules of a compact order whose candidate fired the baseline's rules. */
export const SAME = 0

function sameRules(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** candidateRules as stored: SAME for the baseline's own list. */
export const compactRules = (baseline: readonly string[], candidate: string[]): string[] | typeof SAME =>
  sameRules(baseline, candidate) ? SAME : candidate

export const toCompact = (r: ReplayOrderResult): CompactReplayOrder => [
  r.order_id,
  r.created_at,
  r.label,
  r.stored_facts,
  r.baseline_outcome,
  r.baseline_score,
  r.baseline_rules,
  r.baseline_errors,
  r.candidate_outcome,
  r.candidate_score,
  compactRules(r.baseline_rules, r.candidate_rules),
  r.candidate_errors,
]

export const fromCompact = (c: CompactReplayOrder): ReplayOrderResult => ({
  order_id: c[0],
  created_at: c[1],
  label: c[2],
  stored_facts: c[3],
  changed: c[4] !== c[8],
  baseline_outcome: c[4],
  baseline_score: c[5],
  baseline_rules: c[6],
  baseline_errors: c[7],
  candidate_outcome: c[8],
  candidate_score: c[9],
  candidate_rules: c[10] === SAME ? [...c[6]] : c[10],
  candidate_errors: c[11],
})

/**
 * A segment's rule ids, each stored once: its orders name fired rules by their index in `rules`
 * (a rule id is ~25 characters and an order fires several, in both versions). Segments written
 * before this were plain CompactReplayOrder[] and still read as such.
 */
export interface SegmentText {
  rules: string[]
  /** CompactReplayOrder rows whose rule lists hold indices into `rules`. */
  orders: unknown[][]
}

/** Rule id → index in one segment's dictionary. */
export class RuleDictionary {
  readonly ids: string[] = []
  private readonly index = new Map<string, number>()

  private indices(ids: readonly string[]): number[] {
    const out = new Array<number>(ids.length)
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      let n = this.index.get(id)
      if (n === undefined) {
        n = this.ids.length
        this.ids.push(id)
        this.index.set(id, n)
      }
      out[i] = n
    }
    return out
  }

  /** The order with its rule lists as dictionary indices. */
  encode(c: CompactReplayOrder): unknown[] {
    const encoded: unknown[] = c.slice()
    encoded[6] = this.indices(c[6])
    if (c[10] !== SAME) encoded[10] = this.indices(c[10])
    return encoded
  }
}

export const segmentText = (rules: RuleDictionary, orders: unknown[][]): SegmentText => ({
  rules: rules.ids,
  orders,
})

/** A stored segment's orders with rule ids, whichever format it was written in. */
export function decodeSegment(text: string): CompactReplayOrder[] {
  const parsed = JSON.parse(text) as SegmentText | CompactReplayOrder[]
  if (Array.isArray(parsed)) return parsed
  const ids = (list: unknown) => (list as number[]).map((n) => parsed.rules[n]!)
  return parsed.orders.map((row) => {
    const c = row as CompactReplayOrder
    c[6] = ids(c[6])
    if (c[10] !== SAME) c[10] = ids(c[10])
    return c
  })
}

/** Orders per segment row. */
export const SEGMENT_SIZE = 1000

/** Writes a chunk's results: every order in segments, and the changed ones as rows of their own. */
export async function insertChunkResults(
  trx: Executor,
  key: { clientId: string; replayId: string; chunkNo: number },
  rows: readonly ReplayOrderResult[],
  segmentSize = SEGMENT_SIZE,
): Promise<void> {
  const results = new ChunkResults(segmentSize)
  for (const row of rows) results.add(toCompact(row))
  await results.insert(trx, key)
}

const ROWS_PER_STATEMENT = 5000

/**
 * Inserts changed orders, shipping each statement's rows as ONE jsonb parameter expanded by
 * jsonb_to_recordset: a single bind whatever the row count, the same on postgres.js and PGlite.
 */
export async function insertChangedOrders(
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

export interface ChangedCursor {
  at: Date
  orderId: string
}

/** A page of changed orders, newest first. */
export async function listChangedOrders(
  db: Executor,
  key: { clientId: string; replayId: string },
  cursor: ChangedCursor | null,
  limit: number,
): Promise<ReplayOrderResult[]> {
  let q = db
    .selectFrom('replay_orders')
    .selectAll()
    .where('client_id', '=', key.clientId)
    .where('replay_id', '=', key.replayId)
    .where('changed', '=', true)
  if (cursor) q = q.where(sql<boolean>`(created_at, order_id) < (${cursor.at}, ${cursor.orderId})`)
  const rows = await q.orderBy('created_at', 'desc').orderBy('order_id', 'desc').limit(limit).execute()
  return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }))
}

/** "The last one" for a segment or index number (the largest int4: segment_no is an integer column). */
const LAST = 2_147_483_647

/** Position in the segments, newest first: the next order to list is segment (chunk, segment)[index]. */
export interface SegmentCursor {
  chunk: number
  segment: number
  index: number
}

/**
 * A page of all replayed orders, newest first, read segment by segment from `from` (null = the newest).
 * Answers the rows and where the next page starts (null when this was the last).
 */
export async function listAllOrders(
  db: Executor,
  key: { clientId: string; replayId: string },
  from: SegmentCursor | null,
  limit: number,
): Promise<{ rows: ReplayOrderResult[]; next: SegmentCursor | null }> {
  const rows: ReplayOrderResult[] = []
  let position = from
  while (rows.length < limit) {
    let q = db
      .selectFrom('replay_order_segments')
      .select(['chunk_no', 'segment_no', 'orders'])
      .where('client_id', '=', key.clientId)
      .where('replay_id', '=', key.replayId)
    if (position)
      q = q.where(sql<boolean>`(chunk_no, segment_no) <= (${position.chunk}, ${position.segment})`)
    const segment = await q
      .orderBy('chunk_no', 'desc')
      .orderBy('segment_no', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (!segment) return { rows, next: null }
    const orders = decodeSegment(segment.orders)
    const sameSegment =
      position && position.chunk === segment.chunk_no && position.segment === segment.segment_no
    let index = sameSegment ? Math.min(position!.index, orders.length - 1) : orders.length - 1
    for (; index >= 0 && rows.length < limit; index--) rows.push(fromCompact(orders[index]!))
    position =
      index >= 0
        ? { chunk: segment.chunk_no, segment: segment.segment_no, index }
        : segment.segment_no > 0
          ? { chunk: segment.chunk_no, segment: segment.segment_no - 1, index: LAST }
          : segment.chunk_no > 0
            ? {
                chunk: segment.chunk_no - 1,
                segment: LAST,
                index: LAST,
              }
            : null
    if (position === null) return { rows, next: null }
  }
  return { rows, next: position }
}
