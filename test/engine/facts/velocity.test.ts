import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DataNeeds } from '../../../engine/src/facts/client-data.js'
import { createMemoryProvider } from '../../../engine/src/facts/memory-provider.js'
import {
  cardKey,
  inWindow,
  normalizeEmail,
  normalizeIp,
  VELOCITY_WINDOWS,
} from '../../../engine/src/facts/velocity.js'
import type { Order } from '../../../engine/src/order/order.types.js'
import { sampleOrder } from '../order/sample-order.js'

const needs: DataNeeds = { velocity: true, isFirstOrder: true, catalog: true, managedLists: [] }

interface PastOrder {
  id: string
  createdAt: string
  email?: string
  ip?: string
  card?: [string, string]
  total?: number
  currency?: string
}

function past({
  id,
  createdAt,
  email = 'jane.doe@example.com',
  ip,
  card,
  total = 1,
  currency = 'USD',
}: PastOrder): Order {
  const order = sampleOrder({ id, createdAt, currency, total })
  order.customer = { email, ...(ip ? { ip } : {}) }
  order.payment = {
    method: 'card',
    status: 'authorized',
    ...(card ? { card: { bin: card[0], last4: card[1] } } : {}),
  }
  return order
}

// This order: 2026-11-20T14:03:00Z, jane.doe@example.com, IP 203.0.113.7, card 411111…1111, USD.
const ip = '203.0.113.7'
const history: Order[] = [
  past({
    id: 'h1',
    createdAt: '2026-11-20T15:03:00+02:00',
    email: ' JANE.DOE@example.com ',
    ip,
    card: ['411111', '1111'],
    total: 10.1,
  }),
  past({
    id: 'h2',
    createdAt: '2026-11-20T13:02:59.999Z',
    ip: '198.51.100.1',
    card: ['555555', '4444'],
    total: 0.2,
  }),
  past({ id: 'h3', createdAt: '2026-11-19T14:03:00Z', total: 0.1 }),
  past({ id: 'h4', createdAt: '2026-11-19T14:02:59.999Z', card: ['222222', '3333'], total: 100 }),
  past({ id: 'h5', createdAt: '2026-11-13T14:03:00Z', card: ['378282', '0005'] }),
  past({ id: 'h6', createdAt: '2026-11-13T14:02:59Z', card: ['601111', '1117'] }),
  past({ id: 'h7', createdAt: '2026-11-20T14:03:00Z', ip, card: ['411111', '1111'] }),
  past({ id: 'h8', createdAt: '2026-11-20T15:00:00Z', ip, card: ['411111', '1111'] }),
  past({ id: 'A-1001', createdAt: '2026-11-20T13:30:00Z', ip, card: ['411111', '1111'] }),
  past({
    id: 'h10',
    createdAt: '2026-11-20T13:50:00Z',
    email: 'mallory@example.com',
    ip,
    card: ['411111', '1111'],
    total: 50,
    currency: 'EUR',
  }),
  past({ id: 'h11', createdAt: '2026-11-20T12:00:00Z', total: 7, currency: 'EUR' }),
]

describe('createMemoryProvider velocity', () => {
  it('counts exactly per policies.md, window edges included (hand-computed)', async () => {
    const data = await createMemoryProvider({ orders: history }).load({ order: sampleOrder(), needs })
    expect(data.velocity).toEqual({
      ordersByEmail1h: 1, // h1 exactly 1 h before (written with +02:00); h2 is 1 ms too early
      ordersByEmail24h: 4, // h1, h2, h3 exactly 24 h before, h11 (EUR); h7 at createdAt and A-1001 (itself) excluded
      ordersByIp1h: 2, // h1, h10
      ordersByIp24h: 2,
      ordersByCard24h: 2, // h1, h10
      distinctCardsByEmail7d: 4, // 411111…1111 (h1), 555555…4444, 222222…3333, 378282…0005 (h5 exactly 7 d); not h6
      distinctEmailsByCard7d: 2, // jane (h1), mallory (h10)
      amountByEmail24h: 10.4, // 10.10 + 0.20 + 0.10 in USD; h11's EUR 7 is not added
    })
    expect(data.isFirstOrder).toBe(false)
  })

  it('never groups orders that lack the key', async () => {
    const order = sampleOrder()
    delete order.customer.ip
    delete order.payment.card
    const orders = [past({ id: 'x', createdAt: '2026-11-20T14:00:00Z', email: 'other@example.com' })]
    const data = await createMemoryProvider({ orders }).load({ order, needs })
    expect([
      data.velocity.ordersByIp1h,
      data.velocity.ordersByCard24h,
      data.velocity.distinctEmailsByCard7d,
    ]).toEqual([0, 0, 0])
  })

  it('isFirstOrder looks at any earlier order with the e-mail, imports included, but not later or simultaneous ones', async () => {
    const load = (orders: Order[] | { order: Order; label: string | null }[]) =>
      createMemoryProvider({ orders }).load({ order: sampleOrder(), needs })
    expect((await load([])).isFirstOrder).toBe(true)
    expect(
      (await load([{ order: past({ id: 'old', createdAt: '2024-01-01T00:00:00Z' }), label: 'legit' }]))
        .isFirstOrder,
    ).toBe(false)
    expect((await load([past({ id: 'same', createdAt: '2026-11-20T14:03:00Z' })])).isFirstOrder).toBe(true)
    expect((await load([past({ id: 'A-1001', createdAt: '2026-11-01T00:00:00Z' })])).isFirstOrder).toBe(true)
    expect(
      (await load([past({ id: 'o', createdAt: '2026-11-01T00:00:00Z', email: 'x@example.com' })]))
        .isFirstOrder,
    ).toBe(true)
  })

  it('counts a revised order once, as its last revision', async () => {
    const orders = [
      past({ id: 'r', createdAt: '2026-11-20T14:00:00Z', email: 'other@example.com' }),
      past({ id: 'r', createdAt: '2026-11-20T14:00:00Z' }),
    ]
    const data = await createMemoryProvider({ orders }).load({ order: sampleOrder(), needs })
    expect(data.velocity.ordersByEmail1h).toBe(1)
  })

  it('sums amounts in JPY without decimals', async () => {
    const order = sampleOrder({ currency: 'JPY', total: 1000 })
    const orders = [
      past({ id: 'a', createdAt: '2026-11-20T10:00:00Z', currency: 'JPY', total: 1200 }),
      past({ id: 'b', createdAt: '2026-11-20T11:00:00Z', currency: 'JPY', total: 3400 }),
    ]
    const data = await createMemoryProvider({ orders }).load({ order, needs })
    expect(data.velocity.amountByEmail24h).toBe(4600)
  })
})

describe('createMemoryProvider catalog and lists', () => {
  it('gives the catalog entries of the order, null without a catalog, and normalised managed lists', async () => {
    const order = sampleOrder()
    const tee = { sku: 'TEE-M-BLU', price: 19.99, currency: 'USD', stock: 3 }
    const withCatalog = createMemoryProvider({
      orders: [],
      catalog: [tee, { sku: 'OTHER', price: 1, currency: 'USD', stock: 1 }],
      lists: { 'blocked-emails': [' Fraud@Example.COM '] },
    })
    const data = await withCatalog.load({ order, needs })
    expect([...(data.catalog ?? new Map()).entries()]).toEqual([['TEE-M-BLU', tee]])
    expect(data.managedLists.get('blocked-emails')).toEqual(new Set(['fraud@example.com']))
    expect((await createMemoryProvider({ orders: [] }).load({ order, needs })).catalog).toBeNull()
    // An empty catalog is none, as the API reads a client without catalog rows (facts stay empty).
    expect(
      (await createMemoryProvider({ orders: [], catalog: [] }).load({ order, needs })).catalog,
    ).toBeNull()
  })
})

describe('createMemoryProvider managed lists', () => {
  it('gives an empty list for a name the policy needs but the client never created, as the API does', async () => {
    const order = sampleOrder()
    const provider = createMemoryProvider({ orders: [], lists: { known: ['x'] } })
    const data = await provider.load({ order, needs: { ...needs, managedLists: ['known', 'never-created'] } })
    expect(data.managedLists.get('never-created')).toEqual(new Set())
    expect(data.managedLists.get('known')).toEqual(new Set(['x']))
  })
})

describe('shared velocity definitions', () => {
  it('normalises e-mails, builds card keys and bounds windows half-open', () => {
    expect(normalizeEmail('  Jane@Example.COM ')).toBe('jane@example.com')
    expect(normalizeEmail('   ')).toBeNull()
    expect(cardKey({ bin: '411111', last4: '1111' })).toBe('4111111111')
    expect(cardKey(undefined)).toBeNull()
    const now = Date.UTC(2026, 10, 20, 14, 3)
    expect(inWindow(now - VELOCITY_WINDOWS.hour, now, VELOCITY_WINDOWS.hour)).toBe(true)
    expect(inWindow(now - VELOCITY_WINDOWS.hour - 1, now, VELOCITY_WINDOWS.hour)).toBe(false)
    expect(inWindow(now, now, VELOCITY_WINDOWS.hour)).toBe(false)
  })
})

describe('IP keys', () => {
  it('counts one IPv6 address written two ways as one IP', async () => {
    const order = sampleOrder()
    order.customer = { ...order.customer, ip: '2001:db8::1' }
    const earlier = past({ id: 'e1', createdAt: '2026-11-20T13:30:00Z', ip: '2001:0DB8:0:0:0:0:0:1' })
    const data = await createMemoryProvider({ orders: [earlier] }).load({ order, needs })
    expect(data.velocity.ordersByIp1h).toBe(1)
  })

  it('normalises every spelling of an IPv6 address to its RFC 5952 form (the URL parser as oracle)', () => {
    const groups = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), {
      minLength: 8,
      maxLength: 8,
    })
    fc.assert(
      fc.property(groups, fc.boolean(), (g, upper) => {
        const padded = g.map((x) => x.toString(16).padStart(4, '0')).join(':')
        const spelled = upper ? padded.toUpperCase() : padded
        const canonical = new URL(`http://[${padded}]/`).hostname.slice(1, -1)
        expect(normalizeIp(` ${spelled} `)).toBe(canonical)
        expect(normalizeIp(canonical)).toBe(canonical)
      }),
    )
  })

  it('leaves IPv4 and anything that is not an IPv6 address trimmed and lower-cased', () => {
    expect(normalizeIp(' 203.0.113.7 ')).toBe('203.0.113.7')
    expect(normalizeIp('1::2::3')).toBe('1::2::3')
    expect(normalizeIp('FE80::1%ETH0')).toBe('fe80::1%eth0')
    expect(normalizeIp('  ')).toBeNull()
  })
})
