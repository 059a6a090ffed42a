import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Decisions are append-only (the audit trail): a trigger refuses UPDATE, DELETE and TRUNCATE.
// One decision per order revision (unique), which is what makes concurrent duplicate evaluations
// produce exactly one decision. decision_rules is a side index of fired rule ids so that
// "decisions where rule X fired, newest first" is one ordered index range, not a GIN bitmap + sort.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table decisions (
      client_id text not null,
      decision_id text not null,
      order_id text not null,
      revision integer not null,
      policy_version integer not null,
      policy_checksum text not null,
      engine_version text not null,
      outcome text not null check (outcome in ('approve', 'review', 'hold', 'decline')),
      score double precision not null,
      reasons jsonb not null,
      tags text[] not null default '{}',
      errors jsonb not null default '[]',
      rule_ids text[] not null default '{}',
      shipping jsonb,
      facts jsonb not null,
      data jsonb not null,
      trace jsonb,
      timings jsonb not null default '{}',
      evaluated_at timestamptz not null,
      primary key (client_id, decision_id),
      unique (client_id, order_id, revision),
      foreign key (client_id, order_id, revision) references order_revisions (client_id, order_id, revision),
      foreign key (client_id, policy_version) references policy_versions (client_id, version)
    )`,
    'create index decisions_listing_idx on decisions (client_id, evaluated_at desc, decision_id desc)',
    `create index decisions_outcome_idx on decisions (client_id, outcome, evaluated_at desc, decision_id desc)`,
    `create trigger decisions_append_only before update or delete on decisions
      for each row execute function verdict_append_only()`,
    `create trigger decisions_no_truncate before truncate on decisions
      for each statement execute function verdict_append_only()`,
    `create table decision_rules (
      client_id text not null,
      rule_id text not null,
      evaluated_at timestamptz not null,
      decision_id text not null,
      primary key (client_id, rule_id, evaluated_at, decision_id),
      foreign key (client_id, decision_id) references decisions (client_id, decision_id)
    )`,
    `create trigger decision_rules_append_only before update or delete on decision_rules
      for each row execute function verdict_append_only()`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['drop table decision_rules', 'drop table decisions'])
}
