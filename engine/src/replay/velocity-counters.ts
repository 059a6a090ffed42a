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

/** key → running total; entries that fall back to 0 are deleted so memory follows the window. */
export class MultiCounter {
  private readonly map = new Map<string, number>()

  get(key: string): number {
    return this.map.get(key) ?? 0
  }

  add(key: string, delta: number): void {
    const next = (this.map.get(key) ?? 0) + delta
    if (next === 0) this.map.delete(key)
    else this.map.set(key, next)
  }

  get size(): number {
    return this.map.size
  }
}

/** key → multiset of values, answering how many distinct values a key currently has. */
export class NestedCounter {
  private readonly map = new Map<string, Map<string, number>>()

  add(key: string, value: string): void {
    let inner = this.map.get(key)
    if (inner === undefined) {
      inner = new Map()
      this.map.set(key, inner)
    }
    inner.set(value, (inner.get(value) ?? 0) + 1)
  }

  remove(key: string, value: string): void {
    const inner = this.map.get(key)
    if (inner === undefined) return
    const next = (inner.get(value) ?? 0) - 1
    if (next > 0) inner.set(value, next)
    else inner.delete(value)
    if (inner.size === 0) this.map.delete(key)
  }

  distinct(key: string): number {
    return this.map.get(key)?.size ?? 0
  }
}
