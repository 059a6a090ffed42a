/** Window lengths of the velocity facts, in milliseconds. */
export const WINDOW_MS = { h1: 3_600_000, h24: 86_400_000, d7: 604_800_000 } as const

/**
 * Velocity amounts are summed as integers at this fixed decimal scale: 4 is the largest ISO 4217
 * exponent (CLF, UYW), so every valid order total converts exactly and the sum is exact whatever
 * mix of currencies the e-mail used.
 */
export const AMOUNT_SCALE = 4

/** One order reduced to what the velocity windows need. Keys are normalised; `null` = no key. */
export interface KeyedOrder {
  /** Epoch milliseconds of createdAt. */
  at: number
  email: string | null
  ip: string | null
  card: string | null
  /** amountByEmail24h sums same-currency orders only (there are no exchange rates). */
  currency: string
  /** The order total × 10^AMOUNT_SCALE, an exact integer. */
  amount: number
  /** Decimal scale of the answer's `amountByEmail24h`; AMOUNT_SCALE for amounts built by keyOrder. */
  amountScale: number
}

/**
 * Running counts of one key (an e-mail, an IP or a card) over the orders currently in the windows.
 * One object per key, found with one Map lookup when an order arrives and referenced from the order
 * afterwards, so admitting it and leaving each window cost no lookup at all.
 */
export class KeyStats {
  h1 = 0
  h24 = 0
  /** Orders in the 7-day window: the stats object is dropped when it falls to 0. */
  d7 = 0
  /** Distinct partner keys (cards of an e-mail, e-mails of a card) among the 7-day orders. */
  distinct = 0
  /** amountByEmail24h of the e-mail's most recent currency; other currencies in `otherAmounts`. */
  currency = ''
  amount = 0
  otherAmounts: Map<string, number> | null = null
  /**
   * On an e-mail's stats: its cards among the 7-day orders, each with its order count. Keyed by the
   * card's stats object (identity), so a pair costs no string building or hashing.
   */
  cards: Map<KeyStats, number> | null = null

  addAmount(currency: string, delta: number): void {
    if (currency === this.currency || (this.amount === 0 && this.otherAmounts === null)) {
      this.currency = currency
      this.amount += delta
      return
    }
    this.otherAmounts ??= new Map()
    this.otherAmounts.set(currency, (this.otherAmounts.get(currency) ?? 0) + delta)
  }

  amountIn(currency: string): number {
    return currency === this.currency ? this.amount : (this.otherAmounts?.get(currency) ?? 0)
  }

  /** Counts one more 7-day order of this e-mail with `card`; a new pair adds a distinct partner to both. */
  addCard(card: KeyStats): void {
    this.cards ??= new Map()
    const n = this.cards.get(card)
    if (n === undefined) {
      this.cards.set(card, 1)
      this.distinct++
      card.distinct++
    } else {
      this.cards.set(card, n + 1)
    }
  }

  /** Counts one 7-day order of the pair less; its last order takes the distinct partners back. */
  removeCard(card: KeyStats): void {
    const n = this.cards!.get(card)!
    if (n > 1) {
      this.cards!.set(card, n - 1)
      return
    }
    this.cards!.delete(card)
    this.distinct--
    card.distinct--
  }
}

/** key → KeyStats for the keys that have orders in the 7-day window (or waiting to enter it). */
export class StatsIndex {
  private readonly map = new Map<string, KeyStats>()

  get(key: string): KeyStats | undefined {
    return this.map.get(key)
  }

  /** The key's stats, created on its first order. */
  enter(key: string): KeyStats {
    let stats = this.map.get(key)
    if (stats === undefined) {
      stats = new KeyStats()
      this.map.set(key, stats)
    }
    return stats
  }

  /**
   * Forgets a key whose last order left the 7-day window. No order still waiting for admission can
   * hold it: the window admits the waiting orders before it lets any order leave.
   */
  leave(key: string, stats: KeyStats): void {
    if (stats.d7 === 0) this.map.delete(key)
  }
}
