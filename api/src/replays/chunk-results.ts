import type { Transaction } from 'kysely'
import type { ReplayDatabase, ReplayDb } from './replay.tables.js'
import {
  type CompactReplayOrder,
  fromCompact,
  insertChangedOrders,
  type ReplayOrderResult,
  RuleDictionary,
  SEGMENT_SIZE,
  segmentText,
} from './replay-orders.repository.js'

type Executor = ReplayDb | Transaction<ReplayDatabase>

/**
 * A chunk's per-order results while it runs: each full segment is turned into its JSON text at once
 * and only changed orders stay objects, so a 125,000-order chunk holds ~125 strings instead of
 * 125,000 result objects that every garbage collection would have to walk.
 */
export class ChunkResults {
  readonly segments: string[] = []
  readonly changed: ReplayOrderResult[] = []
  private open: unknown[][] = []
  private rules = new RuleDictionary()
  count = 0

  constructor(private readonly segmentSize = SEGMENT_SIZE) {}

  add(order: CompactReplayOrder): void {
    this.count++
    if (order[4] !== order[8]) this.changed.push(fromCompact(order))
    this.open.push(this.rules.encode(order))
    if (this.open.length === this.segmentSize) this.seal()
  }

  private seal(): void {
    if (this.open.length === 0) return
    this.segments.push(JSON.stringify(segmentText(this.rules, this.open)))
    this.open = []
    this.rules = new RuleDictionary()
  }

  /** Writes every order in segments, and the changed ones as rows of their own. */
  async insert(trx: Executor, key: { clientId: string; replayId: string; chunkNo: number }): Promise<void> {
    this.seal()
    const rows = this.segments.map((orders, n) => ({
      client_id: key.clientId,
      replay_id: key.replayId,
      chunk_no: key.chunkNo,
      segment_no: n,
      count: n < this.segments.length - 1 ? this.segmentSize : this.count - n * this.segmentSize,
      orders,
    }))
    for (let i = 0; i < rows.length; i += 100) {
      await trx
        .insertInto('replay_order_segments')
        .values(rows.slice(i, i + 100))
        .execute()
    }
    await insertChangedOrders(trx, key, this.changed)
  }
}
