import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'

/** RFC 8785 canonical JSON: same value → same text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return canonicalize(value) ?? 'null'
}

/**
 * sha256 (hex) of the canonical JSON of a value. Policy versions and order revisions are compared
 * by it: two bodies equal as JSON have the same checksum.
 */
export function jsonChecksum(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')
}
