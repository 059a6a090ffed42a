import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A replay chunk's isFirstOrder answers for the e-mails that first appear in its stream: the
// e-mails whose first stored order lies in the chunk's stream (computed once per replay in one
// ordered pass over the e-mail index; see storeFirstOrderEmails). Null: not computed yet (a chunk planned
// before this column existed computes its own when it starts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table replay_chunks add column first_emails text[]'])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table replay_chunks drop column first_emails'])
}
