import type { VelocityFact } from '../facts/facts.types.js'
import { fromScaled } from '../money/decimal.js'
import { type KeyedOrder, MultiCounter, NestedCounter, WINDOW_MS } from './velocity-counters.js'

export type { KeyedOrder } from './velocity-counters.js'

// E-mails cannot contain a NUL, so this key never mixes two (email, currency) pairs.
const amountKey = (o: KeyedOrder) => `${o.email}\u0000${o.currency}`

/** What the sliding window answers for one order: exactly the facts policies.md defines. */
export interface WindowAnswer {
  velocity: VelocityFact
  isFirstOrder: boolean
}

export interface VelocityWindowOptions {
  /**
   * Whether some order with this (normalised) e-mail exists before the first order fed to the window.
   * Replay chunks start with a 7-day warm-up, so velocity needs nothing older, but `isFirstOrder`
   * looks at the whole history: the caller answers for what lies before the stream.
   */
  seenBefore?: (email: string) => boolean
}

/**
 * Exact sliding-window velocity over orders fed in `createdAt` order (amortised O(1) per order).
 *
 * Every window is the half-open interval [t − w, t): an order created at the very same instant as
 * the current one is *not* earlier and never counts, whichever of the two is fed first. Orders
 * wait in a pending group until the clock moves past their instant, and are then admitted to all
 * three windows (1 h, 24 h, 7 d); an order leaves a window when its instant is below t − w. Only
 * the last 7 days (and the pending group) are kept in memory; `isFirstOrder` keeps one set of the
 * e-mails seen in the stream.
 * @example
 * const w = new VelocityWindow()
 * const a = w.next(keyOrder(order)) // { velocity: {...}, isFirstOrder: true }
 */
export class VelocityWindow {
  private readonly events: KeyedOrder[] = []
  /** events[head .. admitted) are in the 7-day window; events[admitted ..) are pending (same instant). */
  private head = 0
  private admitted = 0
  private lo1h = 0
  private lo24h = 0
  private clock = Number.NEGATIVE_INFINITY
  private readonly email1h = new MultiCounter()
  private readonly email24h = new MultiCounter()
  private readonly ip1h = new MultiCounter()
  private readonly ip24h = new MultiCounter()
  private readonly card24h = new MultiCounter()
  private readonly amount24h = new MultiCounter()
  private readonly cardsByEmail = new NestedCounter()
  private readonly emailsByCard = new NestedCounter()
  private readonly emailsSeen = new Set<string>()
  private readonly seenBefore: (email: string) => boolean

  constructor(options: VelocityWindowOptions = {}) {
    this.seenBefore = options.seenBefore ?? (() => false)
  }

  /** Feeds the next order (createdAt must not decrease) and answers its facts. */
  next(order: KeyedOrder): WindowAnswer {
    this.advance(order.at)
    const { email, ip, card } = order
    const velocity: VelocityFact = {
      ordersByEmail1h: email === null ? 0 : this.email1h.get(email),
      ordersByEmail24h: email === null ? 0 : this.email24h.get(email),
      ordersByIp1h: ip === null ? 0 : this.ip1h.get(ip),
      ordersByIp24h: ip === null ? 0 : this.ip24h.get(ip),
      ordersByCard24h: card === null ? 0 : this.card24h.get(card),
      distinctCardsByEmail7d: email === null ? 0 : this.cardsByEmail.distinct(email),
      distinctEmailsByCard7d: card === null ? 0 : this.emailsByCard.distinct(card),
      amountByEmail24h:
        email === null ? 0 : fromScaled(this.amount24h.get(amountKey(order)), order.amountScale),
    }
    const isFirstOrder = email === null || !(this.emailsSeen.has(email) || this.seenBefore(email))
    this.events.push(order)
    return { velocity, isFirstOrder }
  }

  /**
   * Feeds an order whose own answer is not needed (the warm-up before a replay chunk): the same
   * bookkeeping as `next`, without building the answer.
   */
  warm(order: KeyedOrder): void {
    this.advance(order.at)
    this.events.push(order)
  }

  /** Orders currently held (7-day window plus the pending same-instant group): the memory bound. */
  get size(): number {
    return this.events.length - this.head
  }

  private advance(at: number): void {
    if (at < this.clock) throw new RangeError('VelocityWindow: orders must be fed in createdAt order')
    if (at > this.clock) {
      // The pending group is now strictly earlier than the clock: admit it to every window.
      while (this.admitted < this.events.length) this.admit(this.events[this.admitted++]!)
      this.clock = at
    }
    while (this.lo1h < this.admitted && this.events[this.lo1h]!.at < at - WINDOW_MS.h1) {
      this.leave1h(this.events[this.lo1h++]!)
    }
    while (this.lo24h < this.admitted && this.events[this.lo24h]!.at < at - WINDOW_MS.h24) {
      this.leave24h(this.events[this.lo24h++]!)
    }
    while (this.head < this.admitted && this.events[this.head]!.at < at - WINDOW_MS.d7) {
      this.leave7d(this.events[this.head++]!)
    }
    this.compact()
  }

  private admit(o: KeyedOrder): void {
    if (o.email !== null) {
      this.email1h.add(o.email, 1)
      this.email24h.add(o.email, 1)
      this.amount24h.add(amountKey(o), o.amount)
      this.emailsSeen.add(o.email)
      if (o.card !== null) this.cardsByEmail.add(o.email, o.card)
    }
    if (o.ip !== null) {
      this.ip1h.add(o.ip, 1)
      this.ip24h.add(o.ip, 1)
    }
    if (o.card !== null) {
      this.card24h.add(o.card, 1)
      if (o.email !== null) this.emailsByCard.add(o.card, o.email)
    }
  }

  private leave1h(o: KeyedOrder): void {
    if (o.email !== null) this.email1h.add(o.email, -1)
    if (o.ip !== null) this.ip1h.add(o.ip, -1)
  }

  private leave24h(o: KeyedOrder): void {
    if (o.email !== null) {
      this.email24h.add(o.email, -1)
      this.amount24h.add(amountKey(o), -o.amount)
    }
    if (o.ip !== null) this.ip24h.add(o.ip, -1)
    if (o.card !== null) this.card24h.add(o.card, -1)
  }

  private leave7d(o: KeyedOrder): void {
    if (o.email !== null && o.card !== null) {
      this.cardsByEmail.remove(o.email, o.card)
      this.emailsByCard.remove(o.card, o.email)
    }
  }

  /** Drops evicted events from the array front once they are the majority (amortised O(1)). */
  private compact(): void {
    if (this.head < 4096 || this.head * 2 < this.events.length) return
    this.events.splice(0, this.head)
    this.admitted -= this.head
    this.lo1h -= this.head
    this.lo24h -= this.head
    this.head = 0
  }
}
