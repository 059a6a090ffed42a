import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Evaluate writes order, revision, decision and fired-rule rows in ONE statement (a data-modifying
// CTE), so the rows it links are created together or not at all, and none of these tables has a
// delete path (decisions and decision_rules refuse DELETE by trigger, policy versions are immutable,
// clients are never deleted). The foreign keys below therefore never caught anything, but each was a
// per-row trigger query plus a FOR KEY SHARE lock on the parent on the hot path — on the client row
// and the live version row that EVERY concurrent evaluation shares (multixact churn), and once per
// fired rule for decision_rules. Profiles put them at about half of the database's CPU per decision.
//
// trace_compact: the trace as engine compactTrace() writes it (a few hundred bytes) instead of the
// ~14 KB trace jsonb; readers recompute the full trace from facts + version and verify it against this.
//
// toast_tuple_target: a decision row is ~3 KB (facts jsonb ~1.6 KB), just over the default 2 KB
// threshold, so every insert paid for a pglz compression attempt. Rows up to 8 KB now stay inline.
const FOREIGN_KEYS: [table: string, name: string, definition: string][] = [
  ['orders', 'orders_client_id_fkey', 'foreign key (client_id) references clients (id)'],
  [
    'order_revisions',
    'order_revisions_client_id_order_id_fkey',
    'foreign key (client_id, order_id) references orders (client_id, order_id)',
  ],
  [
    'decisions',
    'decisions_client_id_order_id_revision_fkey',
    'foreign key (client_id, order_id, revision) references order_revisions (client_id, order_id, revision)',
  ],
  [
    'decisions',
    'decisions_client_id_policy_version_fkey',
    'foreign key (client_id, policy_version) references policy_versions (client_id, version)',
  ],
  [
    'decision_rules',
    'decision_rules_client_id_decision_id_fkey',
    'foreign key (client_id, decision_id) references decisions (client_id, decision_id)',
  ],
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    ...FOREIGN_KEYS.map(([table, name]) => `alter table ${table} drop constraint ${name}`),
    'alter table decisions set (toast_tuple_target = 8160)',
    'alter table decisions add column trace_compact text',
  ])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    'alter table decisions drop column trace_compact',
    'alter table decisions reset (toast_tuple_target)',
    ...FOREIGN_KEYS.map(
      ([table, name, definition]) => `alter table ${table} add constraint ${name} ${definition}`,
    ),
  ])
}
