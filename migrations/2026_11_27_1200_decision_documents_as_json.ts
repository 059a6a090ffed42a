import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A decision's documents (facts, data, reasons, …) are written once by evaluate, never queried
// inside (listing filters on columns and on decision_rules), and read whole by GET, reproduce and
// replay. As jsonb, every evaluate made PostgreSQL parse ~3.3 KB of JSON into its binary form
// (jsonb_in, ~7 % of the backends' CPU per decision in perf), and the binary form is LARGER than the
// text for these documents (facts 2,744 vs 2,376 bytes): a decision row averaged 4.4 KB, so only ONE
// fitted on an 8 KB page (7 KB of heap per decision). As json the row is ~3.9 KB: two per page.
// json keeps the text as the API wrote it, still checked to be JSON.
const COLUMNS = ['reasons', 'errors', 'shipping', 'facts', 'data', 'trace', 'timings'] as const

const retype = (type: 'json' | 'jsonb') =>
  `alter table decisions ${COLUMNS.map((c) => `alter column ${c} type ${type} using ${c}::${type}`).join(', ')}`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [retype('json')])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [retype('jsonb')])
}
