import { parseInstant } from '../order/timestamp.js'

/**
 * `parseInstant` without its regex, arrays and Date object for the shape nearly every order sends
 * (`YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`, upper-case `T`/`Z`, in-range fields). Anything else —
 * lower-case letters, out-of-range fields, stray characters — goes to `parseInstant` itself, so
 * the answers are the same by construction (and by the property test).
 */
const DAY_MS = 86_400_000

function digit(value: string, at: number): number {
  const d = value.charCodeAt(at) - 48
  return d >= 0 && d <= 9 ? d : Number.NaN
}

function two(value: string, at: number): number {
  return digit(value, at) * 10 + digit(value, at + 1)
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function fast(value: string): number | null {
  const length = value.length
  if (length < 20) return null
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58
  ) {
    return null
  }
  const year = two(value, 0) * 100 + two(value, 2)
  const month = two(value, 5)
  const day = two(value, 8)
  const hour = two(value, 11)
  const minute = two(value, 14)
  const second = two(value, 17)
  // NaN (a non-digit) fails every comparison below, so it falls through to the slow path.
  if (!(year >= 0 && month >= 1 && month <= 12 && hour <= 23 && minute <= 59 && second <= 59 && day >= 1))
    return null
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  if (!(day <= (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month] ?? 0)))) return null
  let at = 19
  let millis = 0
  if (value.charCodeAt(at) === 46) {
    // `.` then one or more digits; only the first three count (truncated, like parseInstant).
    at++
    const start = at
    while (at < length && digit(value, at) >= 0) {
      const place = at - start
      if (place < 3) millis += digit(value, at) * (place === 0 ? 100 : place === 1 ? 10 : 1)
      at++
    }
    if (at === start) return null
  }
  let offsetMinutes = 0
  const zone = value.charCodeAt(at)
  if (zone === 90 && at + 1 === length) {
    // Z
  } else if ((zone === 43 || zone === 45) && at + 6 === length && value.charCodeAt(at + 3) === 58) {
    const hours = two(value, at + 1)
    const minutes = two(value, at + 4)
    if (!(hours <= 23 && minutes <= 59)) return null
    offsetMinutes = (zone === 45 ? -1 : 1) * (hours * 60 + minutes)
  } else {
    return null
  }
  const ms = daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis
  return ms - offsetMinutes * 60_000
}

/** Epoch milliseconds of an RFC 3339 timestamp, or `null` — exactly `parseInstant(value)`. */
export function instantOf(value: unknown): number | null {
  if (typeof value !== 'string') return null
  return fast(value) ?? parseInstant(value)
}
