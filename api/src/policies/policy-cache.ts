import type { Kysely } from 'kysely'
import type { Database } from '../db/tables.js'
import { type CompiledPolicy, compilePolicy, type PolicyDocument } from '../engine.js'
import { findVersionDocument } from './policies.repository.js'

export interface CachedPolicy {
  clientId: string
  version: number
  checksum: string
  document: PolicyDocument
  compiled: CompiledPolicy
}

/**
 * Compiled policies per (client, version). Versions are immutable (enforced by a trigger), so an
 * entry can never be stale and needs no expiry; which version is live is NOT cached (read with the
 * key on every request), so a publish is seen by every process at once. Concurrent misses share one
 * load. Bounded: the least recently used entry goes first.
 */
export class PolicyCache {
  readonly #entries = new Map<string, Promise<CachedPolicy | undefined>>()
  constructor(private readonly maxEntries = 1000) {}

  get(db: Kysely<Database>, clientId: string, version: number): Promise<CachedPolicy | undefined> {
    const key = `${clientId}\u0000${version}`
    const hit = this.#entries.get(key)
    if (hit) {
      this.#entries.delete(key)
      this.#entries.set(key, hit)
      return hit
    }
    const loading = this.#load(db, clientId, version)
    this.#entries.set(key, loading)
    loading.then(
      (found) => {
        if (!found) this.#entries.delete(key)
      },
      () => this.#entries.delete(key),
    )
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    return loading
  }

  async #load(db: Kysely<Database>, clientId: string, version: number): Promise<CachedPolicy | undefined> {
    const row = await findVersionDocument(db, clientId, version)
    if (!row) return undefined
    const document = row.document as PolicyDocument
    return { clientId, version, checksum: row.checksum, document, compiled: compilePolicy(document) }
  }
}
