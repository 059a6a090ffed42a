import { type CountryCode, isSupportedCountry, isValidPhoneNumber } from 'libphonenumber-js/max'
import { z } from 'zod'
import type { Order } from '../order/order.types.js'
import { parseInstant } from '../order/timestamp.js'
import type { CustomerFact } from './facts.types.js'

/**
 * Zod's practical e-mail pattern (dot-atom local part, dotted domain with a 2+ letter TLD; no quoted
 * locals or IP literals, which shops do not see from real customers) plus RFC 5321's length limits.
 */
const EMAIL = z.regexes.email
const DAY_MS = 86_400_000

/** True for a syntactically sound address; checked on the trimmed value. */
export function isValidEmail(email: string): boolean {
  const trimmed = email.trim()
  const at = trimmed.lastIndexOf('@')
  return trimmed.length <= 254 && at > 0 && at <= 64 && EMAIL.test(trimmed)
}

/** Lower-cased, trimmed part after the last `@` ('' when there is none). */
export function emailDomain(email: string): string {
  const trimmed = email.trim()
  const at = trimmed.lastIndexOf('@')
  return at < 0
    ? ''
    : trimmed
        .slice(at + 1)
        .trim()
        .toLowerCase()
}

// libphonenumber's full validation costs ~10–15 µs; customers repeat, so remember recent answers.
const phoneMemo = new Map<string, boolean>()

/**
 * libphonenumber-js with its `max` metadata (checks the number against the region's real number
 * ranges, not only its length; ~145 kB of metadata in the browser bundle). National formats are
 * read with `region` as the default country; international ones (`+…`) carry their own.
 */
export function isValidPhone(phone: string, region: string | undefined): boolean {
  const key = `${region ?? ''}|${phone}`
  let valid = phoneMemo.get(key)
  if (valid === undefined) {
    try {
      const defaultCountry = region && isSupportedCountry(region) ? (region as CountryCode) : undefined
      valid = isValidPhoneNumber(phone, defaultCountry)
    } catch {
      valid = false
    }
    if (phoneMemo.size >= 10_000) phoneMemo.clear()
    phoneMemo.set(key, valid)
  }
  return valid
}

function squashName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, '')
}

function namesMatch(name: string | undefined, billingName: string | undefined): boolean {
  if (name === undefined || billingName === undefined) return false
  if (name === billingName) return name.trim() !== ''
  const squashed = squashName(name)
  return squashed !== '' && squashed === squashName(billingName)
}

/**
 * `customer` (policies.md). Ages are measured against the order's own `createdAt` (`createdAtMs`),
 * never the wall clock: whole days, truncated toward zero (negative when the account claims to be
 * younger than the order).
 */
export function deriveCustomer(
  order: Order,
  isFirstOrder: boolean,
  createdAtMs: number | null,
): CustomerFact {
  const { customer } = order
  const region = order.billingAddress?.country ?? order.shippingAddress.country
  const accountCreated =
    customer.accountCreatedAt === undefined ? null : parseInstant(customer.accountCreatedAt)
  return {
    emailValid: isValidEmail(customer.email),
    emailDomain: emailDomain(customer.email),
    phoneValid: customer.phone !== undefined && isValidPhone(customer.phone, region),
    nameMatchesBilling: namesMatch(customer.name, order.billingAddress?.name),
    accountAgeDays:
      accountCreated === null || createdAtMs === null
        ? null
        : // `+ 0` turns the -0 of a same-day future account into 0.
          Math.trunc((createdAtMs - accountCreated) / DAY_MS) + 0,
    isFirstOrder,
  }
}
