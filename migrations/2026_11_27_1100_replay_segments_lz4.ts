import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// A replay segment is ~100–300 KB of JSON text, over the TOAST threshold, so PostgreSQL compresses
// every one; with the default pglz that was ~1.2 µs of the server's CPU per replayed order, with lz4
// almost nothing, for the same size (measured on 200 segments: pglz 7.0 MB in 351 ms, lz4 8.2 MB in
// 61 ms). Servers built without lz4 (PGlite among them) keep pglz.
const setCompression = (method: string) => `do $$ begin
    alter table replay_order_segments alter column orders set compression ${method};
  exception when feature_not_supported then null;
  end $$`

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [setCompression('lz4')])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [setCompression('pglz')])
}
