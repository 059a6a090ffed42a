import { type CountryCode, isSupportedCountry, isValidPhoneNumber } from 'libphonenumber-js/max'
import { z } from 'zod'
import type { Order } from '../order/order.types.js'
import type { CustomerFact } from './facts.types.js'
import { instantOf } from './instant.js'

/**
 * Zod's practical e-mail pattern (dot-atom local part, dotted domain with a 2+ letter TLD; no quoted
 * locals or IP literals, which shops do not see from real customers) plus RFC 5321's length limits.
 */
export const EMAIL = z.regexes.email
const DAY_MS = 86_400_000

/** True for a syntactically sound address; checked on the trimmed value. */
export function isValidEmail(email: string): boolean {
  const trimmed = email.trim()
  return isValidTrimmedEmail(trimmed, trimmed.lastIndexOf('@'))
}

function isValidTrimmedEmail(trimmed: string, at: number): boolean {
  return trimmed.length <= 254 && at > 0 && at <= 64 && matchesEmailPattern(trimmed, at)
}

/** The EMAIL regex as one scan (the regex backtracks); the property test proves them equal. */
export function matchesEmailPattern(text: string, at: number): boolean {
  if (text.indexOf('@') !== at) return false
  // Local part: dot-separated non-empty runs of [A-Za-z0-9_'+-], not ending in `'`.
  let previous = 46 // as if preceded by a dot, so a leading dot fails
  for (let i = 0; i < at; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) {
      if (previous === 46) return false
    } else if (!(isAlnum(c) || c === 95 || c === 39 || c === 43 || c === 45)) return false
    previous = c
  }
  if (previous === 46 || previous === 39) return false
  // Domain: labels [A-Za-z0-9][A-Za-z0-9-]* each followed by a dot, then 2+ letters.
  const lastDot = text.lastIndexOf('.')
  if (lastDot <= at + 1 || text.length - lastDot - 1 < 2) return false
  for (let i = lastDot + 1; i < text.length; i++) if (!isLetter(text.charCodeAt(i))) return false
  let labelStart = true
  for (let i = at + 1; i < lastDot; i++) {
    const c = text.charCodeAt(i)
    if (c === 46) {
      if (labelStart) return false
      labelStart = true
    } else if (labelStart ? isAlnum(c) : isAlnum(c) || c === 45) labelStart = false
    else return false
  }
  return !labelStart
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
const isAlnum = (c: number): boolean => isLetter(c) || (c >= 48 && c <= 57)

/** Lower-cased, trimmed part after the last `@` ('' when there is none). */
export function emailDomain(email: string): string {
  const trimmed = email.trim()
  return domainOfTrimmed(trimmed, trimmed.lastIndexOf('@'))
}

function domainOfTrimmed(trimmed: string, at: number): string {
  return at < 0
    ? ''
    : trimmed
        .slice(at + 1)
        .trim()
        .toLowerCase()
}

// libphonenumber's full validation costs ~10–15 µs; customers repeat, so remember recent answers
// (by region, then number: no key string to build and hash per order).
const phoneMemo = new Map<string, Map<string, boolean>>()
let phoneMemoSize = 0

/**
 * libphonenumber-js with its `max` metadata (checks the number against the region's real number
 * ranges, not only its length; ~145 kB of metadata in the browser bundle). National formats are
 * read with `region` as the default country; international ones (`+…`) carry their own.
 */
export function isValidPhone(phone: string, region: string | undefined): boolean {
  let byPhone = phoneMemo.get(region ?? '')
  let valid = byPhone?.get(phone)
  if (valid === undefined) {
    try {
      const defaultCountry = region && isSupportedCountry(region) ? (region as CountryCode) : undefined
      valid = isValidPhoneNumber(phone, defaultCountry)
    } catch {
      valid = false
    }
    if (phoneMemoSize >= 10_000) {
      phoneMemo.clear()
      phoneMemoSize = 0
      byPhone = undefined
    }
    if (!byPhone) {
      byPhone = new Map()
      phoneMemo.set(region ?? '', byPhone)
    }
    byPhone.set(phone, valid)
    phoneMemoSize++
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
  // isValidEmail and emailDomain, sharing one trim and one `@` search.
  const email = customer.email.trim()
  const at = email.lastIndexOf('@')
  const region = order.billingAddress?.country ?? order.shippingAddress.country
  const accountCreated = customer.accountCreatedAt === undefined ? null : instantOf(customer.accountCreatedAt)
  return {
    emailValid: isValidTrimmedEmail(email, at),
    emailDomain: domainOfTrimmed(email, at),
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
