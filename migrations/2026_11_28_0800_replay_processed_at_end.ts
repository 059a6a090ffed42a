import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// The orders a replay had processed when it was cancelled or failed: what the cancellation answered,
// and what every later read answers (a chunk still finishing its page then changes nothing a reader
// sees). Null while it runs (the chunks' progress is summed) and once done (its total).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table replays add column processed_at_end integer'])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table replays drop column processed_at_end'])
}
