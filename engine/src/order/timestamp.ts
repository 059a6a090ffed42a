/**
 * RFC 3339 timestamps (orders.md): date, `T`, time, optional fraction, then `Z` or `±HH:MM`.
 * Compared as instants, never as strings. Fractions finer than a millisecond are truncated, the
 * resolution of a JS Date; leap seconds (`:60`) are refused since no JS clock can hold them.
 */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

/**
 * Epoch milliseconds of an RFC 3339 timestamp, or `null` when `value` is not one.
 * @example parseInstant('2026-11-20T16:03:00+02:00') // Date.UTC(2026, 10, 20, 14, 3)
 */
export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null
  const m = RFC3339.exec(value)
  if (!m) return null
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  if (hour > 23 || minute > 59 || second > 59) return null
  let offsetMinutes = 0
  if (!m[8]) {
    const offsetHours = Number(m[10])
    const offsetMins = Number(m[11])
    if (offsetHours > 23 || offsetMins > 59) return null
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins)
  }
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  const date = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  date.setUTCFullYear(year, month - 1, day)
  date.setUTCHours(hour, minute, second, millis)
  return date.getTime() - offsetMinutes * 60_000
}

/** True when `value` is an RFC 3339 timestamp with `Z` or a UTC offset. */
export function isRfc3339(value: unknown): value is string {
  return parseInstant(value) !== null
}
