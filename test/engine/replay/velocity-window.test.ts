import { describe, expect, it } from 'vitest'
import { keyOrder } from '../../../engine/src/replay/keyed-order.js'
import { VelocityWindow, type WindowAnswer } from '../../../engine/src/replay/velocity-window.js'
import { replayOrder } from './order-fixture.js'

type Over = Parameters<typeof replayOrder>[2]

function run(history: [string, Over?][]): WindowAnswer[] {
  const w = new VelocityWindow()
  return history.map(([at, over], i) => w.next(keyOrder(replayOrder(`o${i}`, at, over))))
}

const CARD_X = { bin: '411111', last4: '1111' }
const CARD_Y = { bin: '411111', last4: '2222' }
const CARD_Z = { bin: '555555', last4: '1111' }

describe('VelocityWindow', () => {
  it('counts an order exactly one hour earlier and drops one a millisecond older', () => {
    const [, b, c] = run([
      ['2026-03-01T10:00:00.000Z'],
      ['2026-03-01T11:00:00.000Z'],
      ['2026-03-01T11:00:00.001Z'],
    ])
    expect(b!.velocity.ordersByEmail1h).toBe(1)
    expect(c!.velocity.ordersByEmail1h).toBe(1) // only b: a is 1 h + 1 ms before c
    expect(c!.velocity.ordersByEmail24h).toBe(2)
  })

  it('never counts orders created at the same instant, whichever is fed first', () => {
    const answers = run([
      ['2026-03-01T10:00:00Z', { ip: '1.1.1.1', card: CARD_X }],
      ['2026-03-01T10:00:00.000Z', { ip: '1.1.1.1', card: CARD_X }],
      ['2026-03-01T12:00:00+02:00', { ip: '1.1.1.1', card: CARD_X }], // the same instant, another offset
      ['2026-03-01T10:00:00.001Z', { ip: '1.1.1.1', card: CARD_Y }],
    ])
    for (const a of answers.slice(0, 3)) {
      expect(a.velocity).toEqual({
        ordersByEmail1h: 0,
        ordersByEmail24h: 0,
        ordersByIp1h: 0,
        ordersByIp24h: 0,
        ordersByCard24h: 0,
        distinctCardsByEmail7d: 0,
        distinctEmailsByCard7d: 0,
        amountByEmail24h: 0,
      })
      expect(a.isFirstOrder).toBe(true)
    }
    expect(answers[3]!.velocity.ordersByEmail1h).toBe(3)
    expect(answers[3]!.velocity.ordersByIp24h).toBe(3)
    expect(answers[3]!.velocity.ordersByCard24h).toBe(0) // card Y is new
    expect(answers[3]!.velocity.distinctCardsByEmail7d).toBe(1)
    expect(answers[3]!.isFirstOrder).toBe(false)
  })

  it('groups e-mails trimmed and case-insensitively', () => {
    const [, b] = run([['2026-03-01T10:00:00Z', { email: ' Ann@Example.COM ' }], ['2026-03-01T10:30:00Z']])
    expect(b!.velocity.ordersByEmail1h).toBe(1)
    expect(b!.isFirstOrder).toBe(false)
  })

  it('gives 0 to orders without an IP or card and never groups them', () => {
    const [, b] = run([['2026-03-01T10:00:00Z'], ['2026-03-01T10:10:00Z']])
    expect(b!.velocity.ordersByIp1h).toBe(0)
    expect(b!.velocity.ordersByCard24h).toBe(0)
    expect(b!.velocity.distinctCardsByEmail7d).toBe(0)
    expect(b!.velocity.ordersByEmail1h).toBe(1)
  })

  it('counts distinct cards and e-mails over earlier orders only, this one excluded', () => {
    const answers = run([
      ['2026-03-01T00:00:00Z', { card: CARD_X }],
      ['2026-03-02T00:00:00Z', { card: CARD_Y }],
      ['2026-03-03T00:00:00Z', { card: CARD_X }],
      ['2026-03-04T00:00:00Z', { card: CARD_X, email: 'bob@example.com' }],
      ['2026-03-05T00:00:00Z', { card: CARD_Z }],
      ['2026-03-08T00:00:00Z', { card: CARD_X, email: 'cy@example.com' }], // exactly 7 d after the first
      ['2026-03-08T00:00:00.001Z', { card: CARD_X, email: 'cy@example.com' }],
    ])
    expect(answers[4]!.velocity.distinctCardsByEmail7d).toBe(2) // X, Y (not Z)
    expect(answers[3]!.velocity.distinctEmailsByCard7d).toBe(1) // ann only
    expect(answers[3]!.velocity.ordersByCard24h).toBe(1) // 03-03 at exactly 24 h
    expect(answers[5]!.velocity.distinctEmailsByCard7d).toBe(2) // ann (03-01 at exactly 7 d), bob
    // 1 ms later the 03-01 order has left, but ann's 03-03 order still holds card X; cy's first counts.
    expect(answers[6]!.velocity.distinctEmailsByCard7d).toBe(3)
    expect(answers[6]!.velocity.ordersByEmail1h).toBe(1)
  })

  it('sums amounts exactly in the 24 h window', () => {
    const answers = run([
      ['2026-03-01T00:00:00Z', { total: 0.1 }],
      ['2026-03-01T01:00:00Z', { total: 0.2 }],
      ['2026-03-01T02:00:00Z', { total: 1000.05 }],
      ['2026-03-02T00:00:00Z', { total: 1 }], // 0.1 is exactly 24 h old: still in
      ['2026-03-02T00:00:00.001Z'], // 0.1 has left
    ])
    expect(answers[2]!.velocity.amountByEmail24h).toBe(0.3)
    expect(answers[3]!.velocity.amountByEmail24h).toBe(1000.35)
    expect(answers[4]!.velocity.amountByEmail24h).toBe(1001.25)
  })

  it('keeps isFirstOrder false after the 7-day window and honours what came before the stream', () => {
    const w = new VelocityWindow({ seenBefore: (email) => email === 'old@example.com' })
    const a = w.next(keyOrder(replayOrder('a', '2026-01-01T00:00:00Z')))
    const b = w.next(keyOrder(replayOrder('b', '2026-06-01T00:00:00Z')))
    const c = w.next(keyOrder(replayOrder('c', '2026-06-01T00:00:01Z', { email: 'OLD@example.com' })))
    expect([a.isFirstOrder, b.isFirstOrder, c.isFirstOrder]).toEqual([true, false, false])
    expect(b.velocity.ordersByEmail24h).toBe(0)
  })

  it('holds only the last 7 days in memory', () => {
    const w = new VelocityWindow()
    const start = Date.parse('2026-01-01T00:00:00Z')
    for (let i = 0; i < 20_000; i++) {
      w.next(keyOrder(replayOrder(`o${i}`, new Date(start + i * 3_600_000).toISOString())))
    }
    expect(w.size).toBeLessThanOrEqual(7 * 24 + 1)
  })

  it('refuses orders fed out of createdAt order', () => {
    const w = new VelocityWindow()
    w.next(keyOrder(replayOrder('a', '2026-01-02T00:00:00Z')))
    expect(() => w.next(keyOrder(replayOrder('b', '2026-01-01T00:00:00Z')))).toThrow(RangeError)
  })
})
