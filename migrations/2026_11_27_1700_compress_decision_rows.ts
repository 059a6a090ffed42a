import type { Kysely } from 'kysely'
import { runStatements } from './sql.js'

// Decision rows are ~3.6 KB in bench:api (facts ~2.2 KB of it). 2026_11_27_0900 kept rows up to 8 KB
// inline and uncompressed (toast_tuple_target = 8160) to spare every insert a pglz attempt (~50 µs);
// since 2026_11_27_1500 the JSON columns compress with lz4 where the server has it, which costs ~5 µs
// per row. Back at the default target, PostgreSQL compresses the facts on insert and, the row still
// being over the 2 KB target, keeps them in the TOAST table: 20,000 bench decisions copied both ways
// wrote 3,620 → 2,573 bytes of WAL per row and took 4,098 → 2,711 bytes of table per row, for 316 → 423
// ms of inserting (docs/performance.md, session 11). Less to write and flush per evaluate, and a third
// less table to keep in cache at millions of decisions. (A target of 3072 keeps them compressed inline
// instead: ~8 µs less per insert, but 137 bytes more WAL, as rows under 3 KB then stay uncompressed.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table decisions reset (toast_tuple_target)'])
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, ['alter table decisions set (toast_tuple_target = 8160)'])
}
