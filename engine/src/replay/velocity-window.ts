import type { VelocityFact } from '../facts/facts.types.js'
import { type KeyedOrder, type KeyStats, StatsIndex, WINDOW_MS } from './velocity-counters.js'

export type { KeyedOrder } from './velocity-counters.js'

// IEEE division is correctly rounded, so (exact integer) / 10^scale is the double nearest to the
// decimal, i.e. exactly what parsing its decimal string (money's fromScaled) gives, without strings.
const SCALES = [1, 10, 100, 1000, 10_000]

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

/** An order in the windows, with its keys' stats (null = no such key) resolved once on arrival. */
interface Entry {
  order: KeyedOrder
  email: KeyStats | null
  ip: KeyStats | null
  card: KeyStats | null
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
  private readonly pending: Entry[] = []
  /** Admitted orders; entries[head ..] are in the 7-day window. */
  private readonly entries: Entry[] = []
  private head = 0
  private lo1h = 0
  private lo24h = 0
  private clock = Number.NEGATIVE_INFINITY
  private readonly emails = new StatsIndex()
  private readonly ips = new StatsIndex()
  private readonly cards = new StatsIndex()
  private readonly emailsSeen = new Set<string>()
  private readonly seenBefore: (email: string) => boolean

  constructor(options: VelocityWindowOptions = {}) {
    this.seenBefore = options.seenBefore ?? (() => false)
  }

  /** Feeds the next order (createdAt must not decrease) and answers its facts. */
  next(order: KeyedOrder): WindowAnswer {
    this.advance(order.at)
    const x = this.arrive(order)
    const { email: e, ip: i, card: c } = x
    const velocity: VelocityFact = {
      ordersByEmail1h: e?.h1 ?? 0,
      ordersByEmail24h: e?.h24 ?? 0,
      ordersByIp1h: i?.h1 ?? 0,
      ordersByIp24h: i?.h24 ?? 0,
      ordersByCard24h: c?.h24 ?? 0,
      distinctCardsByEmail7d: e?.distinct ?? 0,
      distinctEmailsByCard7d: c?.distinct ?? 0,
      amountByEmail24h: e ? e.amountIn(order.currency) / SCALES[order.amountScale]! : 0,
    }
    const email = order.email
    const isFirstOrder = email === null || !(this.emailsSeen.has(email) || this.seenBefore(email))
    return { velocity, isFirstOrder }
  }

  /**
   * Feeds an order whose own answer is not needed (the warm-up before a replay chunk): the same
   * bookkeeping as `next`, without building the answer.
   */
  warm(order: KeyedOrder): void {
    this.advance(order.at)
    this.arrive(order)
  }

  /** Resolves the order's keys to their stats (one lookup each) and queues it for admission. */
  private arrive(order: KeyedOrder): Entry {
    const x: Entry = {
      order,
      email: order.email === null ? null : this.emails.enter(order.email),
      ip: order.ip === null ? null : this.ips.enter(order.ip),
      card: order.card === null ? null : this.cards.enter(order.card),
    }
    this.pending.push(x)
    return x
  }

  /** Orders currently held (7-day window plus the pending same-instant group): the memory bound. */
  get size(): number {
    return this.entries.length - this.head + this.pending.length
  }

  private advance(at: number): void {
    if (at < this.clock) throw new RangeError('VelocityWindow: orders must be fed in createdAt order')
    if (at > this.clock) {
      // The pending group is now strictly earlier than the clock: admit it to every window.
      for (const x of this.pending) this.admit(x)
      this.pending.length = 0
      this.clock = at
    }
    const entries = this.entries
    const end = entries.length
    const h1 = at - WINDOW_MS.h1
    while (this.lo1h < end && entries[this.lo1h]!.order.at < h1) {
      const x = entries[this.lo1h++]!
      if (x.email) x.email.h1--
      if (x.ip) x.ip.h1--
    }
    const h24 = at - WINDOW_MS.h24
    while (this.lo24h < end && entries[this.lo24h]!.order.at < h24) {
      const x = entries[this.lo24h++]!
      if (x.email) {
        x.email.h24--
        x.email.addAmount(x.order.currency, -x.order.amount)
      }
      if (x.ip) x.ip.h24--
      if (x.card) x.card.h24--
    }
    const d7 = at - WINDOW_MS.d7
    while (this.head < end && entries[this.head]!.order.at < d7) this.leave7d(entries[this.head++]!)
    this.compact()
  }

  private admit(x: Entry): void {
    const { email, ip, card } = x
    if (email) {
      email.h1++
      email.h24++
      email.d7++
      email.addAmount(x.order.currency, x.order.amount)
      this.emailsSeen.add(x.order.email!)
      if (card) email.addCard(card)
    }
    if (ip) {
      ip.h1++
      ip.h24++
      ip.d7++
    }
    if (card) {
      card.h24++
      card.d7++
    }
    this.entries.push(x)
  }

  private leave7d(x: Entry): void {
    if (x.email) {
      if (x.card) x.email.removeCard(x.card)
      x.email.d7--
      this.emails.leave(x.order.email!, x.email)
    }
    if (x.ip) {
      x.ip.d7--
      this.ips.leave(x.order.ip!, x.ip)
    }
    if (x.card) {
      x.card.d7--
      this.cards.leave(x.order.card!, x.card)
    }
  }

  /** Drops evicted entries from the array front once they are the majority (amortised O(1)). */
  private compact(): void {
    if (this.head < 4096 || this.head * 2 < this.entries.length) return
    this.entries.splice(0, this.head)
    this.lo1h -= this.head
    this.lo24h -= this.head
    this.head = 0
  }
}
