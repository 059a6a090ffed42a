import { createHash } from 'node:crypto'

/** Longest key, in UTF-8 bytes, stored as itself. */
const MAX_KEY_BYTES = 512

/**
 * The stored, indexed form of a normalised e-mail or IP: itself when short, otherwise a digest.
 * A B-tree entry holds ~2.7 KB at most, and orders.md bounds neither field, so an order with a
 * 3,000-character e-mail failed its insert (a 500). Velocity and `isFirstOrder` only ever compare
 * keys for equality, which the digest keeps. It is upper-case, which no normalised key is (both
 * are lower-cased), so it can never equal one.
 * @example indexKey('ana@example.com') // 'ana@example.com'
 */
export function indexKey(key: string | null): string | null {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most keys need no byte count.
  if (key === null || key.length * 3 <= MAX_KEY_BYTES || Buffer.byteLength(key) <= MAX_KEY_BYTES) return key
  return `SHA256:${createHash('sha256').update(key).digest('hex')}`
}
