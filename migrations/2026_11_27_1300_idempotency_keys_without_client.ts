import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// api.md: an Idempotency-Key guards retries of ANY POST, and POST /v1/clients belongs to no client.
// Its keys are kept under client_id '' (no client has that id), so the column can no longer
// reference clients.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table idempotency_keys drop constraint idempotency_keys_client_id_fkey'])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    "delete from idempotency_keys where client_id = ''",
    'alter table idempotency_keys add constraint idempotency_keys_client_id_fkey foreign key (client_id) references clients (id)',
  ])
}
