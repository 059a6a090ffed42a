import { currencyExponent } from './currency.js'
import { fromScaled, toScaled } from './decimal.js'

function exponentOf(currency: string): number {
  const exponent = currencyExponent(currency)
  if (exponent === null) throw new RangeError(`Unknown ISO 4217 currency code "${currency}"`)
  return exponent
}

/**
 * Amount in integer minor units of `currency` (USD 48.18 → 4818, JPY 1200 → 1200, KWD 1.005 → 1005).
 * Throws RangeError for an unknown currency or an amount with more decimals than the currency has;
 * parseOrder refuses such orders, so facts never hit it. See `toScaled` for a non-throwing form.
 * @example toMinor(48.18, 'USD') // 4818
 */
export function toMinor(amount: number, currency: string): number {
  const minor = toScaled(amount, exponentOf(currency))
  if (minor === null) {
    throw new RangeError(`Amount has more decimals than ${currency} allows or is out of range`)
  }
  return minor
}

/**
 * Currency units from integer minor units (4818 USD → 48.18).
 * @example fromMinor(30, 'USD') // 0.3
 */
export function fromMinor(minor: number | bigint, currency: string): number {
  return fromScaled(minor, exponentOf(currency))
}

/** True when `amount` has no more decimals than `currency` allows and fits exactly in minor units. */
export function fitsCurrency(amount: number, currency: string): boolean {
  const exponent = currencyExponent(currency)
  return exponent !== null && toScaled(amount, exponent) !== null
}

/**
 * Exact sum of amounts of one currency (0.1 + 0.2 → 0.3).
 * @example sumMoney([0.1, 0.2], 'USD') // 0.3
 */
export function sumMoney(amounts: readonly number[], currency: string): number {
  let total = 0n
  for (const amount of amounts) total += BigInt(toMinor(amount, currency))
  return fromMinor(total, currency)
}

/** Exact `|a − b|` of two amounts of one currency. */
export function absDiffMoney(a: number, b: number, currency: string): number {
  const diff = toMinor(a, currency) - toMinor(b, currency)
  return fromMinor(Math.abs(diff), currency)
}
