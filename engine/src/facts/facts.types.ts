import type { Order } from '../order/order.types.js'

/**
 * The derived facts (../shared/product/policies.md, "Facts"). Names are the external contract.
 * Money facts are numbers in currency units computed exactly in integer minor units.
 */
export interface TotalsFact {
  itemsSubtotal: number
  expected: number
  declared: number
  mismatch: number
}

export interface ItemsFact {
  count: number
  totalQuantity: number
  maxQuantity: number
  categories: string[]
  skus: string[]
  unknownSkus: string[]
  outOfStockSkus: string[]
  priceMismatchSkus: string[]
}

export type AvsMatch = 'full' | 'partial' | 'none' | 'unavailable'
export type CvvMatch = 'match' | 'mismatch' | 'unavailable'

export interface PaymentFact {
  authorized: boolean
  amountMismatch: number | null
  currencyMismatch: boolean
  avsMatch: AvsMatch
  cvvMatch: CvvMatch
  cardCountryMismatch: boolean
  threeDSecure: string | null
}

export interface CustomerFact {
  emailValid: boolean
  emailDomain: string
  phoneValid: boolean
  nameMatchesBilling: boolean
  accountAgeDays: number | null
  isFirstOrder: boolean
}

export interface AddressFact {
  shippingComplete: boolean
  shippingPostalCodeValid: boolean
  billingPostalCodeValid: boolean
  shippingIsPoBox: boolean
  billingShippingCountryMismatch: boolean
  billingShippingSame: boolean
  shippingCountry: string
  shippingRegion: string | null
}

export interface DeliveryEstimate {
  /** YYYY-MM-DD in the policy's timezone. */
  earliest: string
  latest: string
}

export interface ShippingFact {
  method: string
  methodKnown: boolean
  methodAvailable: boolean
  carrier: string | null
  estimatedDelivery: DeliveryEstimate | null
}

export interface VelocityFact {
  ordersByEmail1h: number
  ordersByEmail24h: number
  ordersByIp1h: number
  ordersByIp24h: number
  ordersByCard24h: number
  distinctCardsByEmail7d: number
  distinctEmailsByCard7d: number
  amountByEmail24h: number
}

export interface Facts {
  order: Order
  lists: Record<string, unknown>
  totals: TotalsFact
  items: ItemsFact
  payment: PaymentFact
  customer: CustomerFact
  address: AddressFact
  shipping: ShippingFact
  velocity: VelocityFact
}

export type FactName = keyof Facts
