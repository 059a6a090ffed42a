import { codes, code as currencyRecord } from 'currency-codes'

// currency-codes does a linear search over ~180 records; facts ask for the same few codes millions of
// times in a replay, so remember the answer.
const exponents = new Map<string, number | null>()

/**
 * Number of decimal places of an ISO 4217 currency (JPY 0, USD 2, KWD 3), or `null` for a code
 * the ISO list does not know. Codes are case-sensitive: ISO codes are upper case.
 * @example currencyExponent('KWD') // 3
 */
export function currencyExponent(currency: string): number | null {
  let exponent = exponents.get(currency)
  if (exponent === undefined) {
    const record = /^[A-Z]{3}$/.test(currency) ? currencyRecord(currency) : undefined
    // A few ISO entries (e.g. XAU, XXX) have no minor unit ("N.A."): treat them as 0 decimals.
    exponent = record ? (Number.isInteger(record.digits) ? record.digits : 0) : null
    exponents.set(currency, exponent)
  }
  return exponent
}

/** True for an upper-case ISO 4217 alphabetic code. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && currencyExponent(value) !== null
}

/** Every ISO 4217 alphabetic code `isCurrencyCode` accepts, sorted (for the JSON Schema's enum). */
export const CURRENCY_CODES: readonly string[] = codes()
  .filter((c) => isCurrencyCode(c))
  .sort()
