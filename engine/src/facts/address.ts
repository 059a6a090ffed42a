import type { Address, Order } from '../order/order.types.js'
import type { AddressFact } from './facts.types.js'
import { hasNoPostalCodes, isPoBox, isValidPostalCode, needsRegion } from './postal.js'

const present = (value: string | undefined): boolean => value !== undefined && value.trim() !== ''

// Printable ASCII (controls, being rare in addresses, take the general path).
const ASCII = /^[ -~]*$/

/** Case, accents, punctuation and spacing do not make two addresses different. */
export function normalize(value: string | undefined): string {
  if (value === undefined) return ''
  // ASCII has no decompositions or marks, and its only letters and digits are [A-Za-z0-9]: the
  // same answer without the Unicode passes (proved equal by the property test).
  if (ASCII.test(value))
    return value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
  return normalizeUnicode(value)
}

/** The general form of `normalize`, for any text. */
export function normalizeUnicode(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** `normalize(a) === normalize(b)`, without building either string when both are printable ASCII. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true
  const x = a ?? ''
  const y = b ?? ''
  if (!ASCII.test(x) || !ASCII.test(y)) return normalize(a) === normalize(b)
  // Compare the runs of letters and digits, case-insensitively; other characters only separate runs.
  let i = 0
  let j = 0
  for (;;) {
    while (i < x.length && !isAsciiAlnum(x.charCodeAt(i))) i++
    while (j < y.length && !isAsciiAlnum(y.charCodeAt(j))) j++
    if (i === x.length || j === y.length) return i === x.length && j === y.length
    while (i < x.length && j < y.length) {
      const c = x.charCodeAt(i)
      const d = y.charCodeAt(j)
      if (!isAsciiAlnum(c) || !isAsciiAlnum(d)) break
      if ((c | 32) !== (d | 32)) return false
      i++
      j++
    }
    // One run may go on where the other stopped.
    if (i < x.length && isAsciiAlnum(x.charCodeAt(i))) return false
    if (j < y.length && isAsciiAlnum(y.charCodeAt(j))) return false
  }
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** The place, not the person: the recipient's name is left out. */
function sameAddress(a: Address, b: Address): boolean {
  return (
    a === b ||
    (a.country === b.country &&
      sameText(a.line1, b.line1) &&
      sameText(a.line2, b.line2) &&
      sameText(a.city, b.city) &&
      sameText(a.region, b.region) &&
      (a.postalCode === b.postalCode ||
        normalize(a.postalCode).replace(/ /g, '') === normalize(b.postalCode).replace(/ /g, '')))
  )
}

/**
 * `address` (policies.md). Without a billing address: `billingPostalCodeValid` is true (there is
 * nothing wrong to hold the customer for), `billingShippingSame` and the country mismatch false.
 */
export function deriveAddress(order: Order): AddressFact {
  const shipping = order.shippingAddress
  const billing = order.billingAddress
  return {
    shippingComplete:
      present(shipping.line1) &&
      present(shipping.city) &&
      present(shipping.country) &&
      (present(shipping.postalCode) || hasNoPostalCodes(shipping.country)) &&
      (present(shipping.region) || !needsRegion(shipping.country)),
    shippingPostalCodeValid: isValidPostalCode(shipping.postalCode, shipping.country),
    billingPostalCodeValid: billing ? isValidPostalCode(billing.postalCode, billing.country) : true,
    shippingIsPoBox: isPoBox(shipping.line1, shipping.line2),
    billingShippingCountryMismatch:
      !!billing?.country && !!shipping.country && billing.country !== shipping.country,
    billingShippingSame: billing !== undefined && sameAddress(billing, shipping),
    shippingCountry: shipping.country,
    shippingRegion: shipping.region ?? null,
  }
}
