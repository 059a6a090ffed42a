import {
  cardKey,
  normalizeEmail,
  normalizeIp,
  type Order,
  parseInstant,
  parseOrder,
  writtenNumberIssues,
} from '../engine.js'
import { ApiError, type Issue } from '../errors.js'
import { mayHaveWrittenNumbers, writtenNumberAt } from '../http/written-numbers.js'
import { jsonChecksum } from '../lib/checksum.js'
import { indexKey } from '../lib/index-key.js'
import { isStorableInstant, STORABLE_RANGE } from '../lib/instant-range.js'
import type { OrderKeys } from './evaluations.repository.js'

/**
 * Parses an order body with the engine. A card number anywhere is 422 `pan_detected` naming only
 * the field; the body is then dropped without being stored or logged. `prefix` names the body field
 * holding the order (simulate's `order`).
 */
export function parseOrderOrThrow(body: unknown, prefix = ''): Order {
  const parsed = parseOrder(body)
  if (parsed.ok) {
    const issue = createdAtIssue(parsed.order)
    const issues = [...(issue ? [issue] : []), ...asWrittenIssues(body)]
    if (issues.length > 0) {
      throw new ApiError(
        'invalid_order',
        'the order is not valid',
        issues.map((i) => ({ path: prefixPath(prefix, i.path), message: i.message })),
      )
    }
    return parsed.order
  }
  const found = parsed.code === 'pan_detected' ? parsed.issues : [...parsed.issues, ...asWrittenIssues(body)]
  const issues: Issue[] = found.map((issue) => ({
    path: prefixPath(prefix, issue.path),
    message: issue.message,
  }))
  if (parsed.code === 'pan_detected') {
    throw new ApiError('pan_detected', `a card number was found in ${issues[0]?.path ?? 'the order'}`, issues)
  }
  throw new ApiError('invalid_order', 'the order is not valid', issues)
}

/** Every issue of an order body, as parseOrderOrThrow would answer them ([] for a valid order). */
export function orderIssues(body: unknown): Issue[] {
  try {
    parseOrderOrThrow(body)
    return []
  } catch (error) {
    if (error instanceof ApiError) return error.issues ?? []
    throw error
  }
}

/** Amounts and quantities whose JSON text says more than their parsed value (written-numbers.ts). */
export function asWrittenIssues(body: unknown): { path: string; message: string }[] {
  if (!mayHaveWrittenNumbers(body)) return []
  return writtenNumberIssues(body, (path) => writtenNumberAt(body, path))
}

/**
 * An RFC 3339 createdAt the database cannot store or query around (year 0000, or beyond 9999 once
 * its offset is applied); the engine alone would accept it. Import checks it too.
 */
export function createdAtIssue(order: Order): { path: string; message: string } | null {
  const at = parseInstant(order.createdAt)
  return at !== null && isStorableInstant(at)
    ? null
    : { path: 'createdAt', message: `must be ${STORABLE_RANGE}` }
}

function prefixPath(prefix: string, path: string): string {
  if (!prefix) return path
  if (path === '$' || path === '') return prefix
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`
}

/**
 * The stored, searchable keys of an order, normalised with the engine's definitions so velocity in
 * SQL groups exactly as the engine would. `checksum` is over the body as received (canonical JSON),
 * so a resend that differs only in key order is the same order. Import must use this too.
 */
export function orderKeys(order: Order, body: unknown): OrderKeys {
  return {
    orderId: order.id,
    createdAt: new Date(parseInstant(order.createdAt) ?? Number.NaN),
    email: indexKey(normalizeEmail(order.customer.email)),
    ip: indexKey(normalizeIp(order.customer.ip)),
    cardKey: cardKey(order.payment.card),
    total: order.total,
    currency: order.currency,
    checksum: jsonChecksum(body),
    document: body,
  }
}
