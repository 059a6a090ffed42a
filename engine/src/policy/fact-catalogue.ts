import type {
  AddressFact,
  CustomerFact,
  DeliveryEstimate,
  FactName,
  ItemsFact,
  PaymentFact,
  ShippingFact,
  TotalsFact,
  VelocityFact,
} from '../facts/facts.types.js'
import type { FactPathInfo, FactSpec, FieldSpec } from './fact-catalogue.types.js'
import { ORDER_FIELDS } from './order-catalogue.js'

export type { FactPathInfo, FactSpec, FieldSpec } from './fact-catalogue.types.js'

const f = (type: string, description: string): FieldSpec => ({ type, description })
const strings = (description: string): FieldSpec => ({
  type: 'string[]',
  description,
  items: f('string', 'one element'),
})

// `satisfies Record<keyof X, …>` makes the compiler check that every field of facts.types.ts is
// described and that nothing is described that the type does not have.
const TOTALS = {
  itemsSubtotal: f('number', 'Σ quantity × unitPrice, in currency units'),
  expected: f('number', 'items + shipping.price + tax − discount'),
  declared: f('number', 'the declared order total'),
  mismatch: f('number', 'abs(expected − declared)'),
} satisfies Record<keyof TotalsFact, FieldSpec>

const ITEMS = {
  count: f('number', 'number of order lines'),
  totalQuantity: f('number', 'sum of quantities'),
  maxQuantity: f('number', 'largest quantity on one line'),
  categories: strings('distinct item categories'),
  skus: strings('SKUs of the order lines'),
  unknownSkus: strings("SKUs not in the client's catalog (empty without a catalog)"),
  outOfStockSkus: strings('SKUs out of stock in the catalog'),
  priceMismatchSkus: strings('SKUs whose unitPrice differs from the catalog by more than amountTolerance'),
} satisfies Record<keyof ItemsFact, FieldSpec>

const PAYMENT = {
  authorized: f('boolean', 'payment status is authorized or captured'),
  amountMismatch: f('number | null', 'abs(authorizedAmount − total); null without authorizedAmount'),
  currencyMismatch: f('boolean', 'payment currency differs from the order currency'),
  avsMatch: f('string', 'full, partial, none or unavailable'),
  cvvMatch: f('string', 'match, mismatch or unavailable'),
  cardCountryMismatch: f('boolean', 'card country differs from the billing country'),
  threeDSecure: f('string | null', '3-D Secure result as sent, null if missing'),
} satisfies Record<keyof PaymentFact, FieldSpec>

const CUSTOMER = {
  emailValid: f('boolean', 'the e-mail address is well-formed'),
  emailDomain: f('string', 'lower-cased part after the last @'),
  phoneValid: f('boolean', 'the phone number is valid for the billing (else shipping) country'),
  nameMatchesBilling: f('boolean', 'customer name equals billing name (case/space-insensitive)'),
  accountAgeDays: f('number | null', 'days since accountCreatedAt; null if unknown'),
  isFirstOrder: f('boolean', 'no earlier order with this e-mail for this client'),
} satisfies Record<keyof CustomerFact, FieldSpec>

const ADDRESS = {
  shippingComplete: f('boolean', 'the shipping address has every field a delivery needs'),
  shippingPostalCodeValid: f('boolean', 'shipping postal code has the country format'),
  billingPostalCodeValid: f('boolean', 'billing postal code has the country format'),
  shippingIsPoBox: f('boolean', 'the shipping address is a PO box'),
  billingShippingCountryMismatch: f('boolean', 'billing and shipping countries differ'),
  billingShippingSame: f('boolean', 'billing and shipping addresses are the same'),
  shippingCountry: f('string', 'shipping country, ISO 3166-1 alpha-2'),
  shippingRegion: f('string | null', 'shipping region, null if missing'),
} satisfies Record<keyof AddressFact, FieldSpec>

const DELIVERY = {
  earliest: f('string', 'YYYY-MM-DD: ship date + transitDays.min business days'),
  latest: f('string', 'YYYY-MM-DD: ship date + transitDays.max business days'),
} satisfies Record<keyof DeliveryEstimate, FieldSpec>

const SHIPPING = {
  method: f('string', 'the order’s shipping method code'),
  methodKnown: f('boolean', 'the method is defined in settings.shippingMethods'),
  methodAvailable: f('boolean', 'known and allowed for the destination country'),
  carrier: f('string | null', 'carrier of the method, null if unknown'),
  estimatedDelivery: {
    type: 'object | null',
    description: 'delivery window in business days; null if the method is unknown',
    fields: DELIVERY,
  },
} satisfies Record<keyof ShippingFact, FieldSpec>

const VELOCITY = {
  ordersByEmail1h: f('number', 'earlier orders with this e-mail in the last hour'),
  ordersByEmail24h: f('number', 'earlier orders with this e-mail in the last 24 hours'),
  ordersByIp1h: f('number', 'earlier orders from this IP in the last hour'),
  ordersByIp24h: f('number', 'earlier orders from this IP in the last 24 hours'),
  ordersByCard24h: f('number', 'earlier orders with this card (bin + last4) in the last 24 hours'),
  distinctCardsByEmail7d: f('number', 'distinct cards used by this e-mail in the last 7 days'),
  distinctEmailsByCard7d: f('number', 'distinct e-mails that used this card in the last 7 days'),
  amountByEmail24h: f('number', 'total of earlier orders with this e-mail in the last 24 hours'),
} satisfies Record<keyof VelocityFact, FieldSpec>

/** Every fact a condition may name, with its fields (policies.md, "Facts"). */
export const FACT_CATALOGUE: Readonly<Record<FactName, FactSpec>> = {
  order: {
    description: 'the order as received, extra fields included',
    derived: false,
    fields: ORDER_FIELDS,
  },
  lists: { description: "the policy's own `lists` object: `$.<listName>`", derived: false, fields: {} },
  totals: { description: 'order totals recomputed exactly', derived: true, fields: TOTALS },
  items: { description: 'order lines, checked against the catalog', derived: true, fields: ITEMS },
  payment: { description: 'payment checks', derived: true, fields: PAYMENT },
  customer: { description: 'customer checks and history', derived: true, fields: CUSTOMER },
  address: { description: 'address checks', derived: true, fields: ADDRESS },
  shipping: { description: 'shipping method and delivery estimate', derived: true, fields: SHIPPING },
  velocity: { description: "counts over the client's earlier orders", derived: true, fields: VELOCITY },
}

export const FACT_NAMES = Object.keys(FACT_CATALOGUE) as FactName[]

export function isFactName(name: string): name is FactName {
  return Object.hasOwn(FACT_CATALOGUE, name)
}

/** Every known path of a fact, depth-first, arrays written `[*]` (for autocomplete and hover). */
export function listFactPaths(fact: FactName): FactPathInfo[] {
  const out: FactPathInfo[] = []
  const visit = (prefix: string, fields: Record<string, FieldSpec>): void => {
    for (const [name, spec] of Object.entries(fields)) {
      const path = `${prefix}.${name}`
      out.push({ path, type: spec.type, description: spec.description })
      if (spec.fields) visit(path, spec.fields)
      if (spec.items?.fields) visit(`${path}[*]`, spec.items.fields)
    }
  }
  visit('$', FACT_CATALOGUE[fact].fields)
  return out
}
