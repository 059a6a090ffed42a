import { type Kysely, sql } from 'kysely'

/** One round trip that proves the database answers queries. */
export async function pingDatabase(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db)
}
