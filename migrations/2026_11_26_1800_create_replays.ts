import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A replay is split into chunks: keyset ranges [lo, hi) over (created_at, order_id) of the client's
// orders. Each chunk's results (its mergeable aggregate and its per-order rows) are written in ONE
// transaction that also flips the chunk to 'done' only if it was not done yet, so a chunk retried
// after a worker died is counted exactly once. replay_orders has no foreign key on purpose: a
// replay inserts up to millions of rows and per-row FK probes would cost more than the evaluation.
// Fired rules are stored as rule ids (text[]): a reason is rebuilt from the replayed document.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table replays (
      client_id text not null references clients (id),
      replay_id text not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      baseline_version integer not null,
      baseline_document jsonb not null,
      candidate_version integer,
      candidate_document jsonb not null,
      range_from timestamptz,
      range_to timestamptz,
      order_limit integer,
      total integer not null,
      chunk_count integer not null,
      runner text not null check (runner in ('queue', 'in_process')),
      error text,
      summary jsonb,
      created_by text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz,
      primary key (client_id, replay_id)
    )`,
    `create table replay_chunks (
      client_id text not null,
      replay_id text not null,
      chunk_no integer not null,
      lo_at timestamptz not null,
      lo_order_id text not null,
      hi_at timestamptz,
      hi_order_id text,
      orders integer not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done')),
      processed integer not null default 0,
      attempts integer not null default 0,
      aggregate jsonb,
      worker text,
      started_at timestamptz,
      finished_at timestamptz,
      primary key (client_id, replay_id, chunk_no),
      foreign key (client_id, replay_id) references replays (client_id, replay_id) on delete cascade
    )`,
    `create table replay_orders (
      client_id text not null,
      replay_id text not null,
      created_at timestamptz not null,
      order_id text not null,
      chunk_no integer not null,
      label text,
      changed boolean not null,
      stored_facts boolean not null,
      baseline_outcome text not null,
      baseline_score double precision not null,
      baseline_rules text[] not null,
      baseline_errors jsonb,
      candidate_outcome text not null,
      candidate_score double precision not null,
      candidate_rules text[] not null,
      candidate_errors jsonb,
      primary key (client_id, replay_id, created_at, order_id)
    )`,
    // ?changed=true pages through few rows of many: a partial index keeps that one range scan.
    `create index replay_orders_changed_idx on replay_orders (client_id, replay_id, created_at, order_id)
      where changed`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table replay_orders', 'drop table replay_chunks', 'drop table replays'])
}
