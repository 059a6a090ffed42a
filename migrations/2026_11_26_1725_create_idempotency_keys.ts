import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Idempotency-Key records: the first request with a key inserts 'in_progress' (the primary key
// makes concurrent retries race on one row), then stores its response; retries with the same
// request hash get that response again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table idempotency_keys (
      client_id text not null references clients (id),
      api_key_id text not null,
      key text not null check (length(key) between 1 and 255),
      request_hash text not null,
      status text not null check (status in ('in_progress', 'done')),
      response_status integer,
      response_body jsonb,
      created_at timestamptz not null default now(),
      primary key (client_id, api_key_id, key)
    )`,
    'create index idempotency_keys_created_idx on idempotency_keys (created_at)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table idempotency_keys'])
}
