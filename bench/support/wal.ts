// WAL written per decision over a load phase: what each commit makes PostgreSQL write and flush
// (heap rows, index entries, full-page images), read from the server's WAL position before and
// after. Server-wide, so it counts anyone else writing meanwhile (nobody, during the bench).
import { sql } from 'kysely'
import type { DatabaseHandle } from '../../api/src/db/database.js'

/** The server's current WAL position in bytes, or null without a server (PGlite). */
export async function walPosition(db: DatabaseHandle['db'] | null): Promise<number | null> {
  if (!db) return null
  const { rows } = await sql<{ bytes: string }>`
    select (pg_current_wal_lsn() - '0/0'::pg_lsn)::text as bytes`.execute(db)
  return Number(rows[0]?.bytes)
}

export function formatWal(before: number | null, after: number | null, decisions: number): string {
  if (before === null || after === null || decisions <= 0) return 'WAL n/a'
  return `WAL ${((after - before) / decisions / 1024).toFixed(2)} KB/decision`
}
