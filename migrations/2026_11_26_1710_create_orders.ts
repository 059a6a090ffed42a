import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// `orders` holds the current revision's searchable keys; `order_revisions` keeps every revision's
// JSON as received. The key columns are normalised on write (normalizeEmail, cardKey) so velocity
// is plain index range scans.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table orders (
      client_id text not null references clients (id),
      order_id text not null check (length(order_id) between 1 and 128),
      revision integer not null check (revision >= 1),
      created_at timestamptz not null,
      email text,
      ip text,
      card_key text,
      total numeric not null,
      currency text not null,
      label text check (label in ('fraud', 'chargeback', 'legit')),
      imported boolean not null default false,
      checksum text not null,
      cancelled_at timestamptz,
      cancel_reason text,
      received_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (client_id, order_id)
    )`,
    // Velocity: each counter is one range scan [createdAt - window, createdAt) on one of these.
    // INCLUDE lets amount and distinct-card counts be answered from the index alone.
    'create index orders_email_idx on orders (client_id, email, created_at) include (total, currency, card_key)',
    'create index orders_ip_idx on orders (client_id, ip, created_at) where ip is not null',
    `create index orders_card_idx on orders (client_id, card_key, created_at) include (email)
      where card_key is not null`,
    // Replay and import walk a client's orders by time.
    'create index orders_created_idx on orders (client_id, created_at)',
    `create table order_revisions (
      client_id text not null,
      order_id text not null,
      revision integer not null check (revision >= 1),
      document jsonb not null,
      checksum text not null,
      source text not null check (source in ('evaluate', 'import', 'modify', 'seed')),
      created_at timestamptz not null default now(),
      primary key (client_id, order_id, revision),
      foreign key (client_id, order_id) references orders (client_id, order_id)
    )`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table order_revisions', 'drop table orders'])
}
