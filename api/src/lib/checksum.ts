import { hash } from 'node:crypto'
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
  return sha256Hex(canonicalJson(value))
}

/**
 * sha256 (hex) of a string's UTF-8 bytes, one-shot: `createHash` builds a native Hash object per call,
 * whose weak handle every young-generation GC of the API then has to process.
 */
export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex')
}
