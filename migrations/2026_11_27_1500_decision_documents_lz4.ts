import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A decision row (facts ~2.2 KB, reasons, data, compact trace, …: ~3.4 KB in bench:api) is over the
// TOAST threshold, so PostgreSQL compresses its largest JSON values on every evaluate. pglz costs
// ~50 µs of the server's CPU per such row, lz4 ~22 µs, at about the same size (20,000 rows of
// 2.5 KB facts: 920–1,040 ms vs 427–484 ms). Order documents over ~2 KB (many items) and stored
// idempotent answers get the same. Only new values change; old ones stay readable. Servers built
// without lz4 (PGlite among them) keep pglz, as in 2026_11_27_1100.
const COLUMNS: readonly [table: string, columns: readonly string[]][] = [
  ['decisions', ['reasons', 'errors', 'shipping', 'facts', 'data', 'trace', 'timings']],
  ['order_revisions', ['document']],
  ['idempotency_keys', ['response_body']],
]

const setCompression = (method: string) => `do $$ begin
    ${COLUMNS.map(
      ([table, columns]) =>
        `alter table ${table} ${columns.map((c) => `alter column ${c} set compression ${method}`).join(', ')};`,
    ).join('\n    ')}
  exception when feature_not_supported then null;
  end $$`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [setCompression('lz4')])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [setCompression('pglz')])
}
