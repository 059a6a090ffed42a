import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Managed lists change without a new policy version and must be seen by the next evaluation in
// every process. Each list carries a revision drawn from a sequence and bumped by statement-level
// triggers on its items, so an evaluating process can keep list contents in memory and check
// freshness with one cheap read of (name, revision).
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table catalog_items (
      client_id text not null references clients (id),
      sku text not null,
      name text,
      price numeric not null check (price >= 0),
      currency text not null,
      stock integer not null,
      category text,
      updated_at timestamptz not null default now(),
      primary key (client_id, sku)
    )`,
    'create sequence managed_list_revision_seq',
    `create table managed_lists (
      client_id text not null references clients (id),
      name text not null,
      description text not null default '',
      revision bigint not null default nextval('managed_list_revision_seq'),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (client_id, name)
    )`,
    `create table managed_list_items (
      client_id text not null,
      list_name text not null,
      value text not null,
      added_at timestamptz not null default now(),
      primary key (client_id, list_name, value),
      foreign key (client_id, list_name) references managed_lists (client_id, name) on delete cascade
    )`,
    `create function verdict_bump_list_from_new() returns trigger language plpgsql as $$
    begin
      update managed_lists m set revision = nextval('managed_list_revision_seq'), updated_at = now()
        from (select distinct client_id, list_name from changed) c
        where m.client_id = c.client_id and m.name = c.list_name;
      return null;
    end $$`,
    `create trigger managed_list_items_inserted after insert on managed_list_items
      referencing new table as changed for each statement execute function verdict_bump_list_from_new()`,
    `create trigger managed_list_items_updated after update on managed_list_items
      referencing new table as changed for each statement execute function verdict_bump_list_from_new()`,
    `create trigger managed_list_items_deleted after delete on managed_list_items
      referencing old table as changed for each statement execute function verdict_bump_list_from_new()`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'drop table managed_list_items',
    'drop function verdict_bump_list_from_new()',
    'drop table managed_lists',
    'drop sequence managed_list_revision_seq',
    'drop table catalog_items',
  ])
}
