import { fastParseOrder } from './fast-order.js'
import { formatPath } from './issue-path.js'
import { orderSchema } from './order.schema.js'
import type { Order } from './order.types.js'
import { findPan } from './pan.js'

export interface OrderIssue {
  /** Dotted path with `[i]` for array items, e.g. `items[0].unitPrice`; `$` is the order itself. */
  path: string
  message: string
}

export type ParseOrderResult =
  | { ok: true; order: Order }
  | { ok: false; code: 'pan_detected' | 'invalid_order'; issues: OrderIssue[] }

/**
 * Validates an order as integrators send it. A card number anywhere (values or keys, extra fields
 * included) wins over every other problem: `pan_detected` names the field, never the digits. Other
 * problems are all reported at once as `invalid_order`. Never throws.
 * @example parseOrder(JSON.parse(body)) // { ok: true, order } | { ok: false, code, issues }
 */
export function parseOrder(input: unknown): ParseOrderResult {
  try {
    const panPath = findPan(input)
    if (panPath !== null) {
      return {
        ok: false,
        code: 'pan_detected',
        issues: [{ path: panPath, message: 'contains a card number; send only payment.card.bin and last4' }],
      }
    }
    // Valid orders skip zod (see fast-order.ts); zod alone lists the issues of the others.
    const fast = fastParseOrder(input)
    if (fast !== null) return { ok: true, order: fast }
    const result = orderSchema.safeParse(input)
    if (result.success) return { ok: true, order: result.data }
    return {
      ok: false,
      code: 'invalid_order',
      issues: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    }
  } catch {
    // Only exotic non-JSON inputs (throwing getters, proxies) can get here.
    return { ok: false, code: 'invalid_order', issues: [{ path: '$', message: 'could not be read as JSON' }] }
  }
}
