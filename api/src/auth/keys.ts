import { randomBytes, timingSafeEqual } from 'node:crypto'
import { sha256Hex } from '../lib/checksum.js'

const KEY_PREFIX = 'vk_'

/** A new random API key: 256 bits, url-safe. Shown once; only its hash is stored. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url')
}

export function hashApiKey(key: string): string {
  return sha256Hex(key)
}

/** The first characters of a key, enough to recognise it in a list, useless to an attacker. */
export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6)
}

/** Constant-time comparison of two keys (through their hashes, so lengths always match). */
export function sameKey(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKey(a), 'hex'), Buffer.from(hashApiKey(b), 'hex'))
}
