import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'

interface Entry {
  revision: number
  values: ReadonlySet<string>
}

/**
 * Managed-list contents per (client, list), tagged with the list's revision (bumped by a trigger on
 * every item change). Evaluate reads the current revisions in its one data query and reloads only
 * the lists whose revision moved, so a list edit is seen by the next evaluation in every process
 * while big block lists are not shipped over the wire on every request.
 */
export class ListCache {
  readonly #entries = new Map<string, Entry>()
  constructor(private readonly maxEntries = 5000) {}

  #key(clientId: string, name: string): string {
    return `${clientId}\u0000${name}`
  }

  /** The cached set when it is at `revision`, else undefined. */
  fresh(clientId: string, name: string, revision: number): ReadonlySet<string> | undefined {
    const entry = this.#entries.get(this.#key(clientId, name))
    return entry && entry.revision === revision ? entry.values : undefined
  }

  /** Loads the given lists at (at least) the given revisions and caches them. */
  async load(
    db: Kysely<Database>,
    clientId: string,
    stale: ReadonlyMap<string, number>,
  ): Promise<Map<string, ReadonlySet<string>>> {
    const names = [...stale.keys()]
    const out = new Map<string, Set<string>>(names.map((name) => [name, new Set<string>()]))
    if (!names.length) return out
    // One statement: items and the revision they belong to, read in the same snapshot.
    const rows = await db
      .selectFrom('managed_lists as l')
      .leftJoin('managed_list_items as i', (join) =>
        join.onRef('i.client_id', '=', 'l.client_id').onRef('i.list_name', '=', 'l.name'),
      )
      .where('l.client_id', '=', clientId)
      .where('l.name', 'in', names)
      .select(['l.name', 'l.revision', 'i.value'])
      .execute()
    const revisions = new Map<string, number>()
    for (const row of rows) {
      revisions.set(row.name, row.revision)
      if (row.value !== null) out.get(row.name)?.add(row.value)
    }
    for (const [name, values] of out) {
      const revision = revisions.get(name)
      if (revision !== undefined) this.#set(this.#key(clientId, name), { revision, values })
    }
    return out
  }

  #set(key: string, entry: Entry): void {
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
  }
}
