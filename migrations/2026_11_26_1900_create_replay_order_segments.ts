import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Every replayed order's result, 1,000 orders per row: a million-order replay writes a thousand rows
// instead of a million (one row per order cost more database time than the whole evaluation).
// `orders` is the JSON text of the segment's compact rows, in (created_at, order_id) order; it is
// text, not jsonb, because nothing queries inside it. replay_orders keeps only the orders whose
// outcome changed, one row each, for ?changed=true.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table replay_order_segments (
      client_id text not null,
      replay_id text not null,
      chunk_no integer not null,
      segment_no integer not null,
      count integer not null,
      orders text not null,
      primary key (client_id, replay_id, chunk_no, segment_no)
    )`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table replay_order_segments'])
}
