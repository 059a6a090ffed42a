import { CompiledQuery, type Kysely } from 'kysely'

/** Runs one parameterised statement ($1, $2, …) and answers its rows. */
export type HotQuery = <R>(text: string, params: readonly unknown[]) => Promise<R[]>

const registry = new WeakMap<object, HotQuery>()

/**
 * The evaluate hot path sends two hand-written statements per request. Through Kysely each one
 * would also build a query tree and, with postgres.js, reserve a connection (a whole new `sql`
 * instance per query); the driver's own prepared-statement path skips both. createDatabase
 * registers that path for postgres.js; any other Kysely (PGlite) runs the same text through Kysely.
 */
export function registerHotQuery(db: Kysely<any>, query: HotQuery): void {
  registry.set(db, query)
}

export function hotQuery(db: Kysely<any>): HotQuery {
  const registered = registry.get(db)
  if (registered) return registered
  return async <R>(text: string, params: readonly unknown[]) =>
    (await db.executeQuery<R>(CompiledQuery.raw(text, [...params]))).rows
}

/**
 * A batch's rows as one array parameter per column, for `unnest($1::text[], $2::text[], …)`: one
 * fixed statement text whatever the batch size.
 */
export function columnParams<T>(rows: readonly (readonly T[])[], width: number): T[][] {
  const columns: T[][] = Array.from({ length: width }, () => new Array<T>(rows.length))
  rows.forEach((row, n) => {
    row.forEach((value, c) => {
      columns[c]![n] = value
    })
  })
  return columns
}
