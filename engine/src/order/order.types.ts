/**
 * The order as integrators send it (../shared/product/orders.md). Money is a decimal number in the
 * order's currency; the schema (order.schema.ts) guarantees it has no more decimals than the
 * currency's exponent, so facts can convert it to integer minor units exactly.
 * Unknown extra fields are kept, hence the index signatures.
 */
export interface Address {
  name?: string
  line1?: string
  line2?: string
  city?: string
  region?: string
  postalCode?: string
  country: string
  [extra: string]: unknown
}

export interface OrderItem {
  sku: string
  name?: string
  quantity: number
  unitPrice: number
  category?: string
  attributes?: Record<string, unknown>
  [extra: string]: unknown
}

export type PaymentMethod = 'card' | 'paypal' | 'wallet' | 'bank_transfer' | 'cod' | 'other'
export type PaymentStatus = 'authorized' | 'captured' | 'pending' | 'failed' | 'none'
export type ThreeDSecure = 'authenticated' | 'attempted' | 'failed' | 'not_enrolled' | 'none'

export interface Order {
  id: string
  createdAt: string
  channel?: string
  currency: string
  customer: {
    id?: string
    name?: string
    email: string
    phone?: string
    ip?: string
    accountCreatedAt?: string
    [extra: string]: unknown
  }
  billingAddress?: Address
  shippingAddress: Address
  items: OrderItem[]
  shipping: { method: string; price?: number; [extra: string]: unknown }
  discount?: number
  tax?: number
  total: number
  payment: {
    method: PaymentMethod
    status: PaymentStatus
    authorizedAmount?: number
    currency?: string
    card?: { bin: string; last4: string; brand?: string; country?: string; [extra: string]: unknown }
    avsResult?: string
    cvvResult?: string
    threeDSecure?: ThreeDSecure
    [extra: string]: unknown
  }
  [extra: string]: unknown
}

/** Labels of past orders (imports, reviews, chargebacks); replay measures precision/recall on them. */
export type OrderLabel = 'fraud' | 'chargeback' | 'legit'
