import { parseInstant } from '../engine.js'

/**
 * The instants the API stores and queries. PostgreSQL cannot read the ISO text a JS Date gives
 * outside years 0001–9999 (`0000-…`, `+010000-…`), and evaluate queries velocity windows up to a
 * week before an order's createdAt; years 1000–9999 keep every such bound readable and hold every
 * real order.
 */
export const MIN_STORABLE_MS = Date.UTC(1000, 0, 1)
export const MAX_STORABLE_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

export const STORABLE_RANGE = 'between 1000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z'

export function isStorableInstant(ms: number): boolean {
  return ms >= MIN_STORABLE_MS && ms <= MAX_STORABLE_MS
}

/** A query bound moved into the storable range: no stored instant lies outside it. */
export function clampToStorable(date: Date): Date {
  const ms = date.getTime()
  if (ms < MIN_STORABLE_MS) return new Date(MIN_STORABLE_MS)
  if (ms > MAX_STORABLE_MS) return new Date(MAX_STORABLE_MS)
  return date
}

/**
 * The first whole millisecond at or after an RFC 3339 instant. Instants are stored to the
 * millisecond, but a query bound may carry more digits, which parsing drops (rounding down):
 * `.0015` read as `.001` made `from` take in a decision at `.001` and `to` leave it out. For a
 * stored millisecond t, `t >= bound` ⇔ `t >= ceil(bound)` and `t < bound` ⇔ `t < ceil(bound)`.
 */
export function ceilToMillisecond(text: string): Date {
  const floor = parseInstant(text) ?? Number.NaN
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? ''
  return new Date(/[1-9]/.test(fraction.slice(3)) ? floor + 1 : floor)
}

/**
 * Orders two RFC 3339 instants exactly, digits beyond the millisecond included (negative when `a`
 * is earlier, 0 when equal).
 */
export function compareInstants(a: string, b: string): number {
  const byMs = (parseInstant(a) ?? Number.NaN) - (parseInstant(b) ?? Number.NaN)
  if (byMs !== 0) return byMs
  const beyond = (text: string) => (/\.\d{3}(\d+)/.exec(text)?.[1] ?? '').replace(/0+$/, '')
  const [x, y] = [beyond(a), beyond(b)]
  const width = Math.max(x.length, y.length)
  const [px, py] = [x.padEnd(width, '0'), y.padEnd(width, '0')]
  return px < py ? -1 : px > py ? 1 : 0
}
