import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A replay covers the orders stored when it was created (orders.received_at <= as_of), whatever is
// imported or evaluated while its chunks run: its total, its chunks and its summary agree. Null for
// replays created before this column (they read whatever their chunks found).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table replays add column as_of timestamptz'])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table replays drop column as_of'])
}
