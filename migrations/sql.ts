import { type Kysely, sql } from 'kysely'

/**
 * Runs DDL statements one by one: both drivers use the extended protocol, which takes a single
 * statement per call. Migrations pass plain SQL here because triggers and partial/INCLUDE indexes
 * read more clearly in SQL than through the schema builder.
 */
export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}
