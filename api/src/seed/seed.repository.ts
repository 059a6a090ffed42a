import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../db/tables.js'

const jsonb = (value: unknown): RawBuilder<unknown> => sql`${JSON.stringify(value)}::text::jsonb`
/** For `json` columns (order documents): the text as written. */
const json = (value: unknown): RawBuilder<unknown> => sql`${JSON.stringify(value)}::text::json`

/** Inserts rows in chunks small enough for the 65,535-parameter limit, inside the caller's transaction. */
export async function insertChunked<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Record<string, unknown>[],
  chunk = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + chunk) as any)
      .execute()
  }
}

export { json, jsonb }
