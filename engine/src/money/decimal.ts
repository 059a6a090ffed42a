/**
 * Exact decimal <-> integer conversions for money. JSON numbers reach us as IEEE doubles, but the
 * shortest round-trip string of a double (what `String(x)` prints) is exactly the decimal the sender
 * wrote, so we parse that string instead of multiplying (19.99 * 100 = 1998.9999999999998).
 */

interface DecimalParts {
  negative: boolean
  /** All significant digits, no leading zeros except a lone "0". */
  digits: string
  /** Position of the decimal point counted from the right of `digits` (may be negative). */
  decimals: number
}

function decimalParts(amount: number): DecimalParts | null {
  if (!Number.isFinite(amount)) return null
  const text = String(Math.abs(amount))
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text)
  if (!match) return null
  const [, whole = '', fraction = '', exponent = '0'] = match
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '')
  return { negative: amount < 0, digits, decimals: fraction.length - Number(exponent) }
}

/** Decimal places of `amount` as written (1.5 → 1, 48.185 → 3, 1e-7 → 7, 1200 → 0). */
export function decimalPlaces(amount: number): number {
  const parts = decimalParts(amount)
  if (!parts) return 0
  // Trailing zeros of the significand do not count (1.50 prints as 1.5 anyway, 1e3 as 1000).
  let decimals = parts.decimals
  let end = parts.digits.length
  while (decimals > 0 && end > 1 && parts.digits[end - 1] === '0') {
    end--
    decimals--
  }
  return Math.max(0, decimals)
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

/**
 * `amount × 10^scale` as an exact safe integer, or `null` when `amount` has more than `scale`
 * decimals, is not finite, or the result would not be a safe integer.
 * @example toScaled(19.99, 2) // 1999
 */
export function toScaled(amount: number, scale: number): number | null {
  // Fast path, exact by construction: if some integer r has r / 10^scale === amount (division is
  // correctly rounded), `amount` is the double nearest to that decimal and r is its minor value.
  // Below 2^51, Math.round(amount × 10^scale) finds that r whenever it exists.
  const power = POWERS_OF_TEN[scale]
  if (power !== undefined) {
    const r = Math.round(amount * power)
    if (Math.abs(r) < 2 ** 51 && r / power === amount) return r + 0
  }
  return toScaledFromText(amount, scale)
}

function toScaledFromText(amount: number, scale: number): number | null {
  const parts = decimalParts(amount)
  if (!parts || decimalPlaces(amount) > scale) return null
  const shift = scale - parts.decimals
  const integerText =
    shift >= 0 ? parts.digits + '0'.repeat(shift) : parts.digits.slice(0, parts.digits.length + shift) || '0'
  const value = Number(integerText)
  if (!Number.isSafeInteger(value)) return null
  return parts.negative && value !== 0 ? -value : value
}

/**
 * Like `toScaled` but as a bigint with no size limit; `null` only when `amount` is not finite or
 * has more than `scale` decimals. The slow path for sums that leave the safe-integer range.
 */
export function toScaledBig(amount: number, scale: number): bigint | null {
  const parts = decimalParts(amount)
  if (!parts || decimalPlaces(amount) > scale) return null
  const shift = scale - parts.decimals
  const integerText =
    shift >= 0 ? parts.digits + '0'.repeat(shift) : parts.digits.slice(0, parts.digits.length + shift) || '0'
  const value = BigInt(integerText)
  return parts.negative ? -value : value
}

/**
 * Inverse of `toScaled`: the decimal `minor / 10^scale` as the nearest number, built from its
 * decimal string so that 30 at scale 2 is exactly the literal 0.3.
 * @example fromScaled(30, 2) // 0.3
 */
export function fromScaled(minor: number | bigint, scale: number): number {
  // Division is correctly rounded, so it yields the same double as parsing the decimal string.
  const power = POWERS_OF_TEN[scale]
  if (typeof minor === 'number' && power !== undefined && Number.isSafeInteger(minor))
    return minor / power + 0
  const negative = minor < 0
  const digits = (negative ? -BigInt(minor) : BigInt(minor)).toString()
  if (scale <= 0) return Number(minor) * 10 ** -scale
  const padded = digits.padStart(scale + 1, '0')
  const text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`
  const value = Number(text)
  return negative ? -value : value
}
