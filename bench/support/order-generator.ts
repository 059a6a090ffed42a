import type { ClientData } from '../../engine/src/facts/client-data.js'
import type { Address, Order, OrderItem } from '../../engine/src/order/order.types.js'
import {
  BENCH_CATALOG,
  BENCH_CATALOG_MAP,
  BENCH_MANAGED_LISTS,
  BLOCKED_EMAILS,
  BLOCKED_IPS,
} from './bench-catalog.js'
import { type Random, seededRandom } from './random.js'

export interface BenchCase {
  order: Order
  data: ClientData
}

const FIRST = ['maria', 'tom', 'li', 'anna', 'kevin', 'elias', 'sara', 'omar', 'julia', 'noah']
const LAST = ['lopez', 'baker', 'wei', 'schmidt', 'rhodes', 'vogel', 'khan', 'martin', 'rossi', 'smith']
const DOMAINS: [string, number][] = [
  ['gmail.com', 40],
  ['yahoo.com', 20],
  ['example.com', 15],
  ['outlook.com', 15],
  ['mailinator.com', 6],
  ['guerrillamail.com', 4],
]
const PLACES: Record<string, { city: string; region?: string; postalCode: string; phone: string }> = {
  US: { city: 'New York', region: 'NY', postalCode: '10001', phone: '+1 212 555 01' },
  CA: { city: 'Toronto', region: 'ON', postalCode: 'M5V 2T6', phone: '+1 416 555 01' },
  GB: { city: 'London', postalCode: 'SW1A 1AA', phone: '+44 20 7946 09' },
  DE: { city: 'Berlin', region: 'BE', postalCode: '10115', phone: '+49 30 901820' },
  FR: { city: 'Paris', postalCode: '75001', phone: '+33 1 42 68 53' },
  KP: { city: 'Pyongyang', postalCode: '00000', phone: '+850 2 381 22' },
}
const COUNTRIES: [string, number][] = [
  ['US', 70],
  ['CA', 10],
  ['GB', 7],
  ['DE', 8],
  ['FR', 4],
  ['KP', 1],
]
const CURRENCY: Record<string, string> = { US: 'USD', CA: 'CAD', GB: 'GBP', DE: 'EUR', FR: 'EUR', KP: 'USD' }
const START = Date.parse('2026-10-01T00:00:00Z')
const cents = (amount: number) => Math.round(amount * 100)

function address(r: Random, country: string, name: string): Address {
  const place = PLACES[country]!
  const a: Address = {
    name,
    line1: r.chance(0.03) ? `PO Box ${r.int(100, 999)}` : `${r.int(1, 999)} Main St`,
    city: place.city,
    postalCode: r.chance(0.02) ? '???' : place.postalCode,
    country,
  }
  if (place.region) a.region = place.region
  if (r.chance(0.01)) delete a.line1
  return a
}

function email(r: Random, first: string, last: string): string {
  if (r.chance(0.01)) return r.pick(BLOCKED_EMAILS)
  if (r.chance(0.01)) return `${first}.${last}-at-nowhere`
  if (r.chance(0.03)) return `${first.slice(0, 3)}${r.int(10000, 99999)}@gmail.com`
  return `${first}.${last}${r.int(1, 99)}@${r.weighted(DOMAINS)}`
}

function items(r: Random): OrderItem[] {
  return Array.from(
    {
      length: r.weighted([
        [1, 50],
        [2, 30],
        [3, 15],
        [4, 5],
      ] as const),
    },
    () => {
      const entry = r.pick(BENCH_CATALOG)
      const unknown = r.chance(0.02)
      const bulk = entry.category === 'gift-cards' && r.chance(0.2)
      return {
        sku: unknown ? `ZZZ-${r.int(1, 9)}` : entry.sku,
        quantity: bulk ? r.int(4, 8) : r.int(1, 3),
        unitPrice: r.chance(0.02) ? entry.price + 5 : entry.price,
        category: entry.category,
      }
    },
  )
}

function order(r: Random, i: number): Order {
  const first = r.pick(FIRST)
  const last = r.pick(LAST)
  const name = `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`
  const country = r.weighted(COUNTRIES)
  const currency = CURRENCY[country]!
  const createdAt = new Date(START + r.int(0, 60 * 24 * 60) * 60_000).toISOString().replace('.000Z', 'Z')
  const lines = items(r)
  const method =
    country === 'US'
      ? r.weighted([
          ['standard', 75],
          ['express', 23],
          ['drone', 2],
        ] as const)
      : r.chance(0.03)
        ? 'express'
        : 'standard'
  const subtotal = lines.reduce((s, l) => s + l.quantity * cents(l.unitPrice), 0)
  const shipping = method === 'standard' && subtotal > 5000 ? 0 : 999
  const discount = r.chance(0.1) ? Math.round(subtotal / 10) : 0
  const tax = Math.round((subtotal - discount) * 0.08)
  const total = subtotal + shipping + tax - discount + (r.chance(0.02) ? 100 : 0)
  const billingCountry = r.chance(0.1) ? r.weighted(COUNTRIES) : country
  const o: Order = {
    id: `B-${i}`,
    createdAt,
    currency,
    customer: {
      name: r.chance(0.05) ? 'Someone Else' : name,
      email: email(r, first, last),
      phone: r.chance(0.03) ? 'call me' : `${PLACES[billingCountry]!.phone}${r.int(10, 99)}`,
      ip: r.chance(0.01) ? r.pick(BLOCKED_IPS) : `192.0.2.${r.int(1, 254)}`,
    },
    billingAddress: address(r, billingCountry, name),
    shippingAddress: address(r, country, name),
    items: lines,
    shipping: { method, price: shipping / 100 },
    discount: discount / 100,
    tax: tax / 100,
    total: total / 100,
    payment: {
      method: 'card',
      status: r.weighted([
        ['authorized', 93],
        ['captured', 4],
        ['failed', 3],
      ] as const),
      authorizedAmount: (total + (r.chance(0.02) ? 500 : 0)) / 100,
      currency: r.chance(0.03) ? 'USD' : currency,
      card: {
        bin: `4${r.int(10000, 99999)}`,
        last4: `${r.int(1000, 9999)}`,
        country: r.chance(0.05) ? 'GB' : billingCountry,
      },
      avsResult: r.weighted([
        ['Y', 60],
        ['A', 10],
        ['Z', 5],
        ['N', 10],
        ['U', 15],
      ] as const),
      cvvResult: r.weighted([
        ['M', 85],
        ['N', 5],
        ['P', 10],
      ] as const),
      threeDSecure: r.weighted([
        ['authenticated', 50],
        ['attempted', 15],
        ['failed', 3],
        ['none', 32],
      ] as const),
    },
  }
  if (r.chance(0.6)) {
    o.customer.accountCreatedAt = new Date(Date.parse(createdAt) - r.int(0, 2000) * 86_400_000).toISOString()
  }
  return o
}

function clientData(r: Random): ClientData {
  const busy = r.chance(0.05)
  return {
    velocity: {
      ordersByEmail1h: busy ? r.int(0, 6) : r.int(0, 1),
      ordersByEmail24h: busy ? r.int(2, 12) : r.int(0, 2),
      ordersByIp1h: busy ? r.int(0, 8) : r.int(0, 1),
      ordersByIp24h: busy ? r.int(3, 25) : r.int(0, 3),
      ordersByCard24h: busy ? r.int(0, 9) : r.int(0, 1),
      distinctCardsByEmail7d: busy ? r.int(1, 6) : r.int(0, 1),
      distinctEmailsByCard7d: busy ? r.int(1, 5) : r.int(0, 1),
      amountByEmail24h: busy ? r.int(500, 9000) : r.int(0, 800),
    },
    isFirstOrder: r.chance(0.3),
    catalog: BENCH_CATALOG_MAP,
    managedLists: BENCH_MANAGED_LISTS,
  }
}

/** `count` varied orders with their client data, identical for a given seed. */
export function generateCases(count: number, seed: number): BenchCase[] {
  const r = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => ({ order: order(r, i), data: clientData(r) }))
}
