import { currencyExponent } from '../money/currency.js'
import { toScaled } from '../money/decimal.js'
import { formatPath } from './issue-path.js'
import { decimalsMessage, moneyFields } from './order.schema.js'
import type { OrderIssue } from './parse-order.js'

type Path = (string | number)[]

/**
 * JSON numbers are parsed to doubles, which keep about 16 significant digits: `48.180000000000001`
 * parses to 48.18 and `1e-400` to 0. The schema sees only the double, so an amount written with more
 * decimals than its currency has (orders.md) would pass as a rounded value. The API looks at the
 * text and hands such numbers, as written, to `writtenNumberIssues`.
 */
interface WrittenDecimal {
  /** Significant digits without leading or trailing zeros ('0' for zero). */
  digits: string
  /** Power of ten of the last digit: the value is digits × 10^exponent. */
  exponent: number
  negative: boolean
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

function writtenDecimal(text: string): WrittenDecimal | null {
  const m = NUMBER_TEXT.exec(text)
  if (!m) return null
  const fraction = m[3] ?? ''
  const all = `${m[2]}${fraction}`.replace(/^0+/, '')
  const digits = all.replace(/0+$/, '')
  if (digits === '') return { digits: '0', exponent: 0, negative: false }
  const exponent = Number(m[4] ?? 0) - fraction.length + (all.length - digits.length)
  return { digits, exponent, negative: m[1] === '-' }
}

/** True when the JSON number `text` is not exactly the double it parses to. */
export function isLossyNumberText(text: string): boolean {
  const written = writtenDecimal(text)
  const parsed = writtenDecimal(String(Number(text)))
  if (!written || !parsed) return false
  return (
    written.digits !== parsed.digits ||
    written.exponent !== parsed.exponent ||
    written.negative !== parsed.negative
  )
}

/** Decimal places of a JSON number as written (`48.180` → 2, `1e-400` → 400). */
export function writtenDecimalPlaces(text: string): number {
  const written = writtenDecimal(text)
  return written ? Math.max(0, -written.exponent) : 0
}

/**
 * Issues for the money amounts and item quantities of `input` whose text, as `writtenAt` gives it,
 * says more than the parsed value: more decimals than the currency has, or a fractional quantity.
 * Fields whose parsed value is already at fault are left to the schema (no second issue).
 */
export function writtenNumberIssues(
  input: unknown,
  writtenAt: (path: Path) => string | undefined,
): OrderIssue[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return []
  const order = input as Record<string, unknown>
  const issues: OrderIssue[] = []
  for (const [path, amount, currencyCode] of moneyFields(order)) {
    if (typeof amount !== 'number') continue
    const text = writtenAt(path)
    if (text === undefined) continue
    const exponent = currencyExponent(currencyCode) ?? 0
    if (toScaled(amount, exponent) === null) continue
    if (writtenDecimalPlaces(text) > exponent)
      issues.push({ path: formatPath(path), message: decimalsMessage(currencyCode, exponent) })
  }
  if (Array.isArray(order.items)) {
    order.items.forEach((line, i) => {
      const quantity = (line as Record<string, unknown> | null)?.quantity
      if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) return
      const text = writtenAt(['items', i, 'quantity'])
      if (text !== undefined && writtenDecimalPlaces(text) > 0)
        issues.push({ path: formatPath(['items', i, 'quantity']), message: 'must be an integer ≥ 1' })
    })
  }
  return issues
}
