import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely } from 'kysely'
import { PostgresJSDialect } from 'kysely-postgres-js'
import postgres from 'postgres'
import { registerHotQuery } from './hot-query.js'
import { PGliteDialect } from './pglite-dialect.js'
import { openPostgresSocket } from './postgres-socket.js'
import type { Database } from './tables.js'

export type { Database } from './tables.js'
export type Db = Kysely<Database>

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

export interface DatabaseOptions {
  /** postgres://… : a real server through postgres.js. Absent: embedded PGlite. */
  url?: string | undefined
  /** PGlite data directory; undefined or `memory://` keeps everything in memory (tests). */
  dataDir?: string | undefined
  /** postgres.js pool size. */
  maxConnections?: number
}

// OIDs: int8 = 20, numeric = 1700. Both drivers return them as strings by default; we want numbers
// (counts, money in currency units) and the same JS types whichever driver runs.
const INT8 = 20
const NUMERIC = 1700

/**
 * postgres.js only reaches a Unix socket through its `host`/`path` options, and would send a `host`
 * URL parameter to the server as a startup setting (an error). libpq and pg (pg-boss) read
 * `?host=/dir` as the socket directory, so the same DATABASE_URL works for every client here.
 */
export function postgresTarget(url: string): { url: string; socketDir?: string } {
  const parsed = new URL(url)
  const host = parsed.searchParams.get('host')
  if (!host?.startsWith('/')) return { url }
  parsed.searchParams.delete('host')
  return { url: parsed.toString(), socketDir: host }
}

/** Opens the database: PostgreSQL when `url` is given, else PGlite (on disk or in memory). */
export async function createDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const target = postgresTarget(options.url)
    const connect = (max: number, connection: Record<string, string> = {}) =>
      postgres(target.url, {
        ...(target.socketDir ? { host: target.socketDir } : {}),
        // postgres.js's README documents `socket` (a custom socket); its types leave it out.
        ...({ socket: openPostgresSocket } as object),
        max,
        connection,
        // Seconds before a connection that failed to connect tries again. postgres.js's default
        // grows to 20 s after a few refusals, and a request waits it out for a connection (Kysely
        // reserves one per query): during a restart requests hung for up to 20 s before their 503,
        // and for as long after it. Capped at 1 s, they fail or succeed within about a second.
        backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
        onnotice: () => {},
        types: {
          int8: {
            to: INT8,
            from: [INT8],
            parse: (x: string) => Number(x),
            serialize: (x: unknown) => String(x),
          },
          numeric: {
            to: NUMERIC,
            from: [NUMERIC],
            parse: (x: string) => Number(x),
            serialize: (x: unknown) => String(x),
          },
        },
      })
    const sql = connect(options.maxConnections ?? 16)
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: sql }) })
    // The evaluate hot path's statements (hot-query.ts) run on their own few connections, as named
    // prepared statements: parsed once, then only Bind/Execute. They take their rows as arrays
    // (one element per batched order), which PostgreSQL's plan cache would re-plan on every call
    // (the custom plan knows the array length, the generic one guesses 100 rows and looks 100×
    // dearer): ~0.5 ms of planning per statement. Their generic plans are known-good index plans,
    // so these connections always use them. The batchers run at most 2 reads + 2 writes at once
    // (GroupBatcher); the rest of the pool serves the unbatched writes (modifications, imported orders).
    const hot = connect(8, { plan_cache_mode: 'force_generic_plan' })
    registerHotQuery(db, (text, params) => hot.unsafe(text, params as never[], { prepare: true }) as never)
    return {
      db,
      kind: 'postgres',
      close: async () => {
        // A bounded end: connections waiting to reconnect to a server that is gone would hold an
        // unbounded one forever (a shutdown during an outage never finished).
        await Promise.all([hot.end({ timeout: 5 }), sql.end({ timeout: 5 })])
        await db.destroy()
      },
    }
  }
  const dataDir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const parsers = { [INT8]: Number, [NUMERIC]: Number }
  const pglite = new PGlite(dataDir, { parsers })
  await pglite.waitReady
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, { parsers }) })
  return { db, kind: 'pglite', close: () => db.destroy() }
}
