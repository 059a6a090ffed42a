import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// E-mail and IP keys beyond 512 bytes are stored as a digest from now on (api/src/lib/index-key.ts:
// a longer one could not enter the index, and failed its insert). Rows stored before, between 513
// bytes and the index's ~2.7 KB, get the same digest, so velocity and isFirstOrder keep grouping a
// customer's earlier orders with its new ones.
const digest = (column: string) =>
  `update orders set ${column} = 'SHA256:' || encode(sha256(convert_to(${column}, 'UTF8')), 'hex')
   where octet_length(${column}) > 512`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [digest('email'), digest('ip')])
}

// Nothing to undo that can be undone: a digest cannot be turned back into its key.
export async function down(): Promise<void> {}
