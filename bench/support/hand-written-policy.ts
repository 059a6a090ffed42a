import type { Facts } from '../../engine/src/facts/facts.types.js'
import type { EventType } from '../../engine/src/policy/policy.types.js'

/**
 * bench-policy.json written by hand as plain JavaScript: the floor the compiled evaluator is
 * measured against. Rules are checked in the policy's priority order (100, 50, then the rest in
 * document order) so `reasons` come out in the same order as the evaluator's.
 */
export interface HandResult {
  outcome: 'approve' | 'review' | 'hold' | 'decline'
  score: number
  reasons: { ruleId: string; type: EventType; points?: number }[]
  tags: string[]
}

const RESTRICTED = ['KP', 'IR', 'SY', 'CU']
const DISPOSABLE = ['mailinator.com', 'guerrillamail.com', 'trashmail.com']
const GENERATED = /^[a-z]{2,4}[0-9]{5,}@/
const key = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : undefined)

export function handWrittenPolicy(f: Facts, lists: ReadonlyMap<string, ReadonlySet<string>>): HandResult {
  const reasons: HandResult['reasons'] = []
  const tags: string[] = []
  let score = 0
  let decline = false
  let hold = false
  let review = false
  const fire = (ruleId: string, type: EventType, points = 0) => {
    reasons.push(type === 'score' ? { ruleId, type, points } : { ruleId, type })
    if (type === 'score') score += points
    else if (type === 'decline') decline = true
    else if (type === 'hold') hold = true
    else if (type === 'review') review = true
  }
  const { totals, items, payment, customer, address, shipping, velocity, order } = f
  const highValue = totals.declared > 1000
  const email = key(order.customer.email)
  const ip = key(order.customer.ip)

  if (RESTRICTED.includes(address.shippingCountry)) fire('shipping.restricted-country', 'decline')
  if (!payment.authorized) fire('payment.not-authorized', 'decline')
  if (payment.threeDSecure === 'failed') fire('payment.3ds-failed', 'decline')
  if (email !== undefined && lists.get('blocked-emails')!.has(email)) fire('fraud.blocked-email', 'decline')
  if (ip !== undefined && lists.get('blocked-ips')!.has(ip)) fire('fraud.blocked-ip', 'decline')
  if (velocity.ordersByCard24h >= 5) fire('fraud.card-testing', 'decline')

  if (totals.mismatch > 0.01) fire('validation.total-mismatch', 'hold')
  if (items.unknownSkus.length > 0) fire('validation.unknown-sku', 'hold')
  if (items.outOfStockSkus.length > 0) fire('validation.out-of-stock', 'hold')
  if (!address.shippingComplete) fire('validation.incomplete-address', 'hold')
  if (!address.shippingPostalCodeValid) fire('validation.shipping-postal-code', 'hold')
  if (!shipping.methodAvailable) fire('shipping.method-unavailable', 'hold')
  if (address.shippingIsPoBox && shipping.method === 'express') fire('shipping.po-box-express', 'hold')
  if (!customer.emailValid) fire('fraud.invalid-email', 'hold')

  if (items.priceMismatchSkus.length > 0) fire('validation.price-mismatch', 'review')
  if (payment.amountMismatch !== null && payment.amountMismatch > 0.01)
    fire('payment.amount-mismatch', 'review')
  if (payment.currencyMismatch) fire('payment.currency-mismatch', 'score', 15)
  if (payment.avsMatch === 'none') fire('payment.avs-none', 'score', 30)
  if (payment.avsMatch === 'partial') fire('payment.avs-partial', 'score', 10)
  if (payment.cvvMatch === 'mismatch') fire('payment.cvv-mismatch', 'score', 35)
  if (payment.cardCountryMismatch) fire('payment.card-country-mismatch', 'score', 20)
  if (payment.threeDSecure === 'authenticated') fire('payment.3ds-authenticated', 'score', -20)
  if (highValue && payment.threeDSecure !== 'authenticated' && payment.threeDSecure !== 'attempted') {
    fire('payment.high-value-no-3ds', 'review')
  }
  if (DISPOSABLE.includes(customer.emailDomain)) fire('fraud.disposable-email', 'score', 25)
  if (!customer.nameMatchesBilling) fire('fraud.name-mismatch', 'score', 10)
  if (GENERATED.test(order.customer.email)) fire('fraud.generated-email', 'score', 20)
  if (!customer.phoneValid) fire('fraud.phone-invalid', 'score', 5)
  if (customer.accountAgeDays !== null && customer.accountAgeDays < 7 && highValue) {
    fire('fraud.new-account-high-value', 'score', 25)
  }
  if (customer.isFirstOrder && totals.declared >= 2000) fire('fraud.first-order-large', 'review')
  if (address.billingShippingCountryMismatch) fire('fraud.billing-shipping-country', 'score', 15)
  if (items.categories.includes('gift-cards') && (items.maxQuantity > 3 || items.totalQuantity > 6)) {
    fire('fraud.gift-cards-bulk', 'score', 30)
  }
  if (velocity.ordersByEmail1h >= 3) fire('fraud.velocity-email-1h', 'score', 30)
  if (velocity.ordersByIp24h > 10) fire('fraud.velocity-ip-24h', 'score', 25)
  if (velocity.distinctCardsByEmail7d >= 3) fire('fraud.distinct-cards', 'score', 20)
  if (velocity.amountByEmail24h > 3000) fire('fraud.spend-velocity', 'review')
  if (customer.isFirstOrder) {
    fire('fraud.tag-first-order', 'tag')
    tags.push('first-order')
  }
  if (customer.emailDomain.endsWith('example.com')) {
    fire('fraud.tag-trusted-domain', 'tag')
    tags.push('trusted-domain')
  }

  const outcome =
    decline || score >= 80 ? 'decline' : hold ? 'hold' : review || score >= 40 ? 'review' : 'approve'
  return { outcome, score, reasons, tags }
}
