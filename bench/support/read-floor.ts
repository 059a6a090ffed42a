import { Worker } from 'node:worker_threads'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../api/src/db/tables.js'
import { YOUNG_GENERATION_MB } from '../../api/src/replays/chunk-pool.js'
import { planChunks } from '../../api/src/replays/order-source.repository.js'

/**
 * The floor under any replay that reads its orders from the database: every order of the client read
 * with the replay's own page query and its document parsed, on `threads` threads over equal
 * ranges, and nothing else (no window, facts, evaluation or results). A machine-relative baseline:
 * bench:replay prints Verdict's end-to-end time against it.
 */
export async function readFloor(
  db: Kysely<Database>,
  url: string,
  clientId: string,
  threads: number,
  pageSize: number,
): Promise<{ orders: number; ms: number }> {
  const { n: total } = await db
    .selectFrom('orders')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow()
  const ranges = await planChunks(db, clientId, {}, Math.ceil(total / threads))
  const started = performance.now()
  const counts = await Promise.all(
    ranges.map(
      (range) =>
        new Promise<number>((resolve, reject) => {
          const thread = new Worker(new URL('./read-floor-entry.mjs', import.meta.url), {
            workerData: { url, clientId, lo: range.lo, hi: range.hi, pageSize },
            resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
          })
          thread.once('message', (m: { orders: number }) => resolve(m.orders))
          thread.once('error', reject)
        }),
    ),
  )
  return { orders: counts.reduce((a, b) => a + b, 0), ms: performance.now() - started }
}
