import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A replay's isFirstOrder probe asks whether an e-mail has an order created before its stream AND
// stored before the replay (received_at <= as_of): with received_at in the e-mail index the probe
// stays an index-only scan (bench:replay: ~2.4 µs of PostgreSQL per order without it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop index orders_email_idx',
    'create index orders_email_idx on orders (client_id, email, created_at) include (total, currency, card_key, received_at)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop index orders_email_idx',
    'create index orders_email_idx on orders (client_id, email, created_at) include (total, currency, card_key)',
  ])
}
