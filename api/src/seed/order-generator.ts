import type { CatalogItem, PolicyDocument } from '../engine.js'
import { BINS, EMAIL_DOMAINS, FIRST_NAMES, FRAUD_DOMAINS, LAST_NAMES, PLACES, STREETS } from './demo-data.js'
import type { Random } from './random.js'

export type Label = 'fraud' | 'chargeback' | 'legit' | null

export interface GeneratedOrder {
  order: Record<string, unknown>
  label: Label
}

interface Customer {
  name: string
  email: string
  phone: string
  ip: string
  country: string
  place: (typeof PLACES)[string][number]
  street: string
  card: { bin: string; last4: string; brand: string; country: string }
  accountCreatedAt: string
  /** The shop-specific customer fields this customer's orders carry (see customerExtras). */
  extras: Record<string, unknown>
}

const DAY = 86_400_000

function countriesOf(policy: PolicyDocument): string[] {
  const all = new Set<string>()
  for (const method of policy.settings.shippingMethods ?? [])
    for (const c of method.countries ?? []) all.add(c)
  const known = [...all].filter((c) => PLACES[c])
  return known.length ? known : ['US']
}

/**
 * Share of customers whose orders carry the shop's extra customer fields (an age check done, say):
 * most regulars have passed it, a throwaway account used for fraud rarely has.
 */
const EXTRAS_SHARE = { regular: 0.95, fraudster: 0.3 }

/**
 * Share of orders that take the slowest (so cheapest) shipping method offered to the destination;
 * the faster ones share the rest. Drawn uniformly, a German customer of Volt Electronics chose a
 * parcel locker for one order in three, and a sixth of its seeded history went to review on
 * `shipping.packstation-high-value` alone; real shoppers mostly take the cheap default.
 */
const SLOWEST_METHOD_SHARE = 0.7

/**
 * Share of a regular customer's card payments that pass 3-D Secure. In the EEA, PSD2's strong
 * customer authentication makes it the rule (exemptions are for low amounts); elsewhere it is the
 * shop's choice and many payments skip it.
 */
const STRONG_AUTH_SHARE = { psd2: 0.92, elsewhere: 0.67 }

interface Method {
  transitDays?: { max: number }
}

/** A shipping method for one order: mostly the slowest eligible one (the first of equals). */
export function pickShippingMethod<M extends Method>(rng: Random, eligible: readonly M[]): M | undefined {
  if (eligible.length <= 1) return eligible[0]
  const slowest = eligible.reduce((a, b) => ((b.transitDays?.max ?? 0) > (a.transitDays?.max ?? 0) ? b : a))
  if (rng.chance(SLOWEST_METHOD_SHARE)) return slowest
  return rng.pick(eligible.filter((m) => m !== slowest))
}

function makeCustomer(
  rng: Random,
  countries: string[],
  now: number,
  extras: Record<string, unknown>,
  fraud = false,
): Customer {
  const first = rng.pick(FIRST_NAMES)
  const last = rng.pick(LAST_NAMES)
  const country = rng.chance(0.85) ? (countries[0] ?? 'US') : rng.pick(countries)
  const place = rng.pick(PLACES[country] ?? PLACES.US!)
  const domain = fraud ? rng.pick(FRAUD_DOMAINS) : rng.pick(EMAIL_DOMAINS)
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}${rng.int(1, 999)}@${domain}`.toLowerCase(),
    phone: place.phone,
    ip: `${rng.pick(['198.51.100', '203.0.113', '192.0.2'])}.${rng.int(1, 254)}`,
    country,
    place,
    street: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    card: { bin: rng.pick(BINS), last4: rng.digits(4), brand: 'visa', country },
    accountCreatedAt: new Date(now - rng.int(30, 1500) * DAY).toISOString(),
    extras: rng.chance(fraud ? EXTRAS_SHARE.fraudster : EXTRAS_SHARE.regular) ? extras : {},
  }
}

function address(c: Customer, country = c.country) {
  const place = country === c.country ? c.place : (PLACES[country]?.[0] ?? c.place)
  return {
    name: c.name,
    line1: c.street,
    city: place.city,
    region: place.region,
    postalCode: place.postalCode,
    country,
  }
}

/**
 * Realistic order streams for one client: a pool of customers where a few order often (repeat
 * customers), occasional mismatches (AVS/CVV, billing vs shipping, price, totals), and fraud bursts
 * (a throwaway e-mail placing several orders with different cards within an hour), with labels.
 */
export function generateOrders(input: {
  rng: Random
  prefix: string
  policy: PolicyDocument
  catalog: readonly CatalogItem[]
  count: number
  now: number
  days: number
  /** Customer fields beyond orders.md that the shop's integration sends with most customers. */
  customerExtras?: Record<string, unknown>
  /** A clean customer's order the policy would hold or decline is usually re-drawn (most orders pass). */
  accept?: (order: Record<string, unknown>) => boolean
}): GeneratedOrder[] {
  const { rng, policy, catalog, now } = input
  const countries = countriesOf(policy)
  const methods = policy.settings.shippingMethods ?? [{ code: 'standard', transitDays: { min: 3, max: 5 } }]
  const currency = catalog[0]?.currency ?? 'USD'
  const extras = input.customerExtras ?? {}
  const customers = Array.from({ length: Math.max(50, Math.round(input.count / 4)) }, () =>
    makeCustomer(rng, countries, now, extras),
  )
  const out: { at: number; make: (id: string) => GeneratedOrder }[] = []
  const start = now - input.days * DAY
  const bursts = Math.round(input.count / 150)
  let remaining = input.count
  for (let b = 0; b < bursts; b++) {
    const fraudster = makeCustomer(rng, countries, now, extras, true)
    const at0 = start + rng.next() * (now - start - 2 * 3_600_000)
    const n = rng.int(3, 7)
    for (let i = 0; i < n && remaining > 0; i++, remaining--) {
      const card = { ...fraudster.card, bin: rng.pick(BINS), last4: rng.digits(4), country: 'NG' }
      const at = at0 + rng.int(1, 50) * 60_000 * (i + 1)
      out.push({ at, make: (id) => build(id, at, { ...fraudster, card }, true) })
    }
  }
  for (; remaining > 0; remaining--) {
    const customer = customers[Math.floor(customers.length * rng.next() ** 2.2)]!
    // Daytime-heavy: most orders between 08:00 and 23:00 UTC.
    const day = start + Math.floor(rng.next() * input.days) * DAY
    const at = Math.min(
      now - 60_000,
      day + (rng.chance(0.85) ? rng.int(8, 22) : rng.int(0, 23)) * 3_600_000 + rng.int(0, 3_599_999),
    )
    out.push({
      at,
      make: (id) => {
        let candidate = build(id, at, customer, false)
        for (
          let tries = 0;
          tries < 6 && input.accept && !input.accept(candidate.order) && rng.chance(0.9);
          tries++
        ) {
          // The storefront offered other methods for this basket: the customer is no longer
          // drawn to the cheapest one.
          candidate = build(id, at, customer, false, true)
        }
        return candidate
      },
    })
  }
  out.sort((a, b) => a.at - b.at)
  return out.map((entry, i) => entry.make(`${input.prefix}-${String(100_001 + i)}`))

  function build(
    id: string,
    at: number,
    customer: Customer,
    fraud: boolean,
    anyMethod = false,
  ): GeneratedOrder {
    const lines = rng.int(1, fraud ? 4 : 3)
    const inStock = catalog.filter((item) => item.stock > 0)
    const items = Array.from({ length: lines }, () => {
      const product = rng.pick(inStock.length && rng.chance(0.97) ? inStock : catalog)
      const mismatch = rng.chance(0.02)
      const unitPrice = mismatch ? Math.round(product.price * 70) / 100 : product.price
      return {
        sku: product.sku,
        name: product.name ?? product.sku,
        quantity: fraud ? rng.int(2, 6) : rng.chance(0.8) ? 1 : rng.int(2, 3),
        unitPrice,
        ...(product.category ? { category: product.category } : {}),
      }
    })
    const shipCountry = fraud && rng.chance(0.5) ? rng.pick(countries) : customer.country
    const eligible = methods.filter((m) => !m.countries || m.countries.includes(shipCountry))
    const method = (anyMethod ? rng.pick(eligible) : pickShippingMethod(rng, eligible)) ?? methods[0]!
    const cents = (x: number) => Math.round(x * 100)
    const subtotal = items.reduce((sum, item) => sum + cents(item.unitPrice) * item.quantity, 0)
    const shippingPrice = method.code === 'standard' ? 500 : 1500
    const tax = Math.round(subtotal * 0.08)
    const discount = rng.chance(0.1) ? Math.round(subtotal * 0.1) : 0
    let total = subtotal + shippingPrice + tax - discount
    const expected = total
    if (rng.chance(0.01)) total += 500
    const avs = fraud ? rng.pick(['N', 'N', 'A', 'U']) : rng.chance(0.04) ? rng.pick(['N', 'A', 'Z']) : 'Y'
    const cvv = fraud ? rng.pick(['N', 'M', 'U']) : rng.chance(0.02) ? 'N' : 'M'
    const billingCountry = fraud && rng.chance(0.6) ? rng.pick(Object.keys(PLACES)) : customer.country
    const order = {
      id,
      createdAt: new Date(at).toISOString(),
      channel: rng.pick(['web', 'web', 'web', 'app', 'phone']),
      currency,
      customer: {
        id: `cus-${customer.email.split('@')[0]}`,
        name: customer.name,
        email: customer.email,
        phone: customer.phone,
        ip: fraud ? `198.51.100.${rng.int(1, 254)}` : customer.ip,
        accountCreatedAt: fraud
          ? new Date(at - rng.int(0, 2) * DAY).toISOString()
          : customer.accountCreatedAt,
        ...customer.extras,
      },
      billingAddress: address(customer, billingCountry),
      shippingAddress: address(customer, shipCountry),
      items,
      shipping: { method: method.code, price: shippingPrice / 100 },
      discount: discount / 100,
      tax: tax / 100,
      total: total / 100,
      payment: {
        method: 'card',
        status: rng.chance(0.02) ? 'pending' : 'authorized',
        authorizedAmount: expected / 100,
        currency,
        card: customer.card,
        avsResult: avs,
        cvvResult: cvv,
        threeDSecure: fraud
          ? rng.pick(['failed', 'none', 'attempted'])
          : rng.chance(STRONG_AUTH_SHARE[currency === 'EUR' ? 'psd2' : 'elsewhere'])
            ? 'authenticated'
            : 'none',
      },
    }
    const label: Label = fraud
      ? rng.chance(0.75)
        ? 'fraud'
        : 'chargeback'
      : rng.chance(0.004)
        ? 'chargeback'
        : rng.chance(0.6)
          ? 'legit'
          : null
    return { order, label }
  }
}
