import { currencyExponent } from '../money/currency.js'
import type { Order } from '../order/order.types.js'
import type { PolicyDocument } from '../policy/policy.types.js'
import { deriveAddress } from './address.js'
import type { ClientData } from './client-data.js'
import { deriveCustomer } from './customer.js'
import type { Facts } from './facts.types.js'
import { instantOf } from './instant.js'
import { deriveItems } from './items.js'
import { derivePayment } from './payment.js'
import { policyContext } from './policy-context.js'
import { deriveShipping } from './shipping.js'
import { deriveTotals } from './totals.js'

export interface DeriveFactsOptions {
  /**
   * Accepted for symmetry with other engine calls but deliberately unused: every fact is "as of
   * order.createdAt", so a live evaluation and a replay of the same order derive the same facts.
   */
  now?: Date
}

/**
 * Derives every fact of policies.md from an order that passed `parseOrder`, the client's data as of
 * `order.createdAt`, and the policy. Pure and deterministic: the order's `createdAt` is the clock.
 * Per-policy preparation (shipping methods, timezone, holiday calendar) is cached for as long as
 * the policy object lives.
 * @example const facts = deriveFacts(order, policy, await provider.load({ order, needs }))
 */
export function deriveFacts(
  order: Order,
  policy: PolicyDocument,
  data: ClientData,
  _opts?: DeriveFactsOptions,
): Facts {
  const context = policyContext(policy)
  const exponent = currencyExponent(order.currency) ?? 0
  const createdAtMs = instantOf(order.createdAt)
  return {
    order,
    lists: context.lists,
    totals: deriveTotals(order, exponent),
    items: deriveItems(order, data.catalog, context.amountTolerance),
    payment: derivePayment(order, exponent),
    customer: deriveCustomer(order, data.isFirstOrder, createdAtMs),
    address: deriveAddress(order),
    shipping: deriveShipping(order, context, createdAtMs),
    velocity: { ...data.velocity },
  }
}
