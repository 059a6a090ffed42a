import type { Role } from '../db/tables.js'

/** What the evaluate hot path needs to know about a key for one client. */
export interface CachedKey {
  keyId: string
  name: string
  role: Role
  clientId: string
  liveVersion: number | null
}

/**
 * How long evaluate may trust a key's role and scope without asking the database. Roles and scopes
 * of a key never change after creation (only revocation does), and evaluate re-checks revocation in
 * its own data statement, so a revoked key is refused by the very next evaluation anyway; this bound
 * only limits how long a removed row could still be believed by a process in any other way.
 */
export const KEY_CACHE_MS = 5_000
const MAX_ENTRIES = 10_000

const entries = new Map<string, { key: CachedKey; until: number }>()

const cacheKey = (keyHash: string, clientId: string) => `${keyHash}\u0000${clientId}`

/** A key found valid and scoped to `clientId` within the last KEY_CACHE_MS, else undefined. */
export function cachedKey(keyHash: string, clientId: string, now = Date.now()): CachedKey | undefined {
  const k = cacheKey(keyHash, clientId)
  const hit = entries.get(k)
  if (!hit) return undefined
  if (hit.until > now) return hit.key
  entries.delete(k)
  return undefined
}

/** Remembers a positive lookup (never a failed one: those always ask the database). */
export function rememberKey(keyHash: string, key: CachedKey, now = Date.now()): void {
  if (entries.size >= MAX_ENTRIES) entries.clear()
  entries.set(cacheKey(keyHash, key.clientId), { key, until: now + KEY_CACHE_MS })
}

/** Drops every entry of a key (it was found revoked). */
export function forgetKey(keyId: string): void {
  for (const [k, entry] of entries) if (entry.key.keyId === keyId) entries.delete(k)
}
