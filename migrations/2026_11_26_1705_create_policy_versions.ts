import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Versions are immutable IN THE DATABASE (docs/adr/0002): an audit must be able to trust that the
// document a decision names is the document that decided it, whatever code or person touches the
// rows. The trigger refuses any change of document/checksum/identity and any delete; only the
// free-text comment may be corrected. The publication log is append-only for the same reason.
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table policy_versions (
      client_id text not null references clients (id),
      version integer not null check (version >= 1),
      document jsonb not null,
      checksum text not null,
      comment text not null default '',
      created_by text not null,
      created_at timestamptz not null default now(),
      primary key (client_id, version)
    )`,
    `create function verdict_policy_version_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or tg_op = 'TRUNCATE' then
        raise exception 'policy versions are immutable: % is refused', lower(tg_op) using errcode = '55VD1';
      end if;
      if new.document is distinct from old.document or new.checksum is distinct from old.checksum
         or new.client_id is distinct from old.client_id or new.version is distinct from old.version
         or new.created_at is distinct from old.created_at or new.created_by is distinct from old.created_by then
        raise exception 'policy versions are immutable: version % of % cannot change', old.version, old.client_id
          using errcode = '55VD1';
      end if;
      return new;
    end $$`,
    `create trigger policy_versions_immutable before update or delete on policy_versions
      for each row execute function verdict_policy_version_guard()`,
    `create trigger policy_versions_no_truncate before truncate on policy_versions
      for each statement execute function verdict_policy_version_guard()`,
    // Shared by every append-only table (publications here, decisions later).
    `create function verdict_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % is refused', tg_table_name, lower(tg_op) using errcode = '55VD1';
    end $$`,
    `create table policy_publications (
      client_id text not null,
      id bigint generated always as identity,
      version integer not null,
      previous_version integer,
      comment text not null default '',
      published_by text not null,
      published_at timestamptz not null default now(),
      primary key (client_id, id),
      foreign key (client_id, version) references policy_versions (client_id, version)
    )`,
    `create trigger policy_publications_append_only before update or delete on policy_publications
      for each row execute function verdict_append_only()`,
    `create trigger policy_publications_no_truncate before truncate on policy_publications
      for each statement execute function verdict_append_only()`,
    `alter table clients add constraint clients_live_version_fk
      foreign key (id, live_version) references policy_versions (client_id, version)`,
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table clients drop constraint clients_live_version_fk',
    'drop table policy_publications',
    'drop table policy_versions',
    'drop function verdict_append_only()',
    'drop function verdict_policy_version_guard()',
  ])
}
