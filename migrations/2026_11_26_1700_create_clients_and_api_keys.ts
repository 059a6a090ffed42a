import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Clients are the tenants. API keys are global rows (a key may serve several clients), scoped to
// clients through api_key_clients, which is keyed by client first like every tenant table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table clients (
      id text primary key check (id ~ '^[a-z0-9-]{2,64}$'),
      name text not null,
      live_version integer,
      created_at timestamptz not null default now()
    )`,
    // Only the sha256 of a key is stored; prefix is the first characters, for display only.
    `create table api_keys (
      id text primary key,
      key_hash text not null unique,
      prefix text not null,
      name text not null,
      role text not null check (role in ('admin', 'integrator', 'analyst', 'publisher', 'auditor')),
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    )`,
    `create table api_key_clients (
      client_id text not null references clients (id),
      api_key_id text not null references api_keys (id),
      primary key (client_id, api_key_id)
    )`,
    'create index api_key_clients_key_idx on api_key_clients (api_key_id)',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table api_key_clients', 'drop table api_keys', 'drop table clients'])
}
