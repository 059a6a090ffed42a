import Holidays from 'date-holidays'

/**
 * Business-day arithmetic on local calendar days. A day is an integer count of days since
 * 1970-01-01 in the policy's timezone; weekends are the holiday calendar's country's (Saturday and
 * Sunday unless WEEKENDS says otherwise, and without a calendar), holidays are the `public`
 * holidays of date-holidays (substitute days included, bank/observance days not).
 */
const DAY_MS = 86_400_000

export interface LocalTime {
  /** Local calendar day, days since 1970-01-01. */
  day: number
  /** Seconds since local midnight. */
  seconds: number
}

const formatters = new Map<string, Intl.DateTimeFormat | null>()

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      formatter = null
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== null
}

// Offsets change at most at quarter hours, so one Intl call answers for a whole 15-minute slot.
const QUARTER_MS = 900_000
const offsets = new Map<string, Map<number, number>>()

function offsetMs(epochMs: number, timeZone: string): number {
  const formatter = formatterFor(timeZone)
  if (!formatter) return 0
  let zone = offsets.get(timeZone)
  if (!zone) {
    zone = new Map()
    offsets.set(timeZone, zone)
  }
  const slot = Math.floor(epochMs / QUARTER_MS)
  let offset = zone.get(slot)
  if (offset === undefined) {
    const at = slot * QUARTER_MS
    const parts: Record<string, number> = {}
    for (const part of formatter.formatToParts(at)) parts[part.type] = Number(part.value)
    const local = new Date(0)
    local.setUTCFullYear(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1)
    local.setUTCHours(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    offset = local.getTime() - at
    if (zone.size > 50_000) zone.clear()
    zone.set(slot, offset)
  }
  return offset
}

/** Local day and time of an instant in `timeZone` (UTC when the zone is unknown). */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const local = epochMs + offsetMs(epochMs, timeZone)
  const day = Math.floor(local / DAY_MS)
  return { day, seconds: Math.floor((local - day * DAY_MS) / 1000) }
}

/** `YYYY-MM-DD` of a local day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

function dayOf(isoDate: string): number {
  return Math.floor(
    Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) /
      DAY_MS,
  )
}

export interface HolidayCalendar {
  country: string
  /** ISO 3166-2 subdivision without the country prefix (`NY`), date-holidays' "state". */
  state?: string
}

const calendars = new Map<string, Holidays | null>()
const holidaySets = new Map<string, ReadonlySet<number>>()

function holidaysFor(calendar: HolidayCalendar): Holidays | null {
  const key = `${calendar.country}|${calendar.state ?? ''}`
  let holidays = calendars.get(key)
  if (holidays === undefined) {
    try {
      holidays = calendar.state
        ? new Holidays(calendar.country, calendar.state, { types: ['public'] })
        : new Holidays(calendar.country, { types: ['public'] })
    } catch {
      holidays = null
    }
    calendars.set(key, holidays)
  }
  return holidays
}

const catalogue = new Holidays()

/** True when date-holidays has a public-holiday calendar for `country`. */
export function hasHolidayCalendar(country: string): boolean {
  return Object.hasOwn(catalogue.getCountries(), country)
}

/**
 * True when date-holidays knows `region` (an ISO 3166-2 subdivision, `BY` or `DE-BY`, any case) as
 * a subdivision of `country`: an unknown one would silently fall back to the national calendar.
 */
export function isHolidayRegion(country: string, region: string): boolean {
  const upper = region.toUpperCase()
  const state = upper.startsWith(`${country}-`) ? upper.slice(country.length + 1) : upper
  return Object.hasOwn(catalogue.getStates(country) ?? {}, state)
}

/** Local day numbers of the public holidays of one calendar year (empty for unknown countries). */
export function publicHolidays(calendar: HolidayCalendar, year: number): ReadonlySet<number> {
  const key = `${calendar.country}|${calendar.state ?? ''}|${year}`
  let days = holidaySets.get(key)
  if (!days) {
    const set = new Set<number>()
    for (const holiday of holidaysFor(calendar)?.getHolidays(year) ?? []) {
      if (holiday.type !== 'public') continue
      const first = dayOf(holiday.date)
      // A few holidays last several days; count every day they cover.
      const length = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS))
      for (let i = 0; i < length; i++) set.add(first + i)
    }
    days = set
    holidaySets.set(key, days)
  }
  return days
}

/** Weekdays as bits, 1 << (0 = Sunday … 6 = Saturday). */
const SATURDAY_SUNDAY = (1 << 6) | (1 << 0)

/**
 * Countries whose weekend is not Saturday and Sunday, in CLDR's week data (what ICU, and so
 * `Intl.Locale#weekInfo`, ships; test/engine/facts/weekends.test.ts keeps the table equal to it):
 * Friday and Saturday across most of the Arab world and in Israel, Friday alone in Iran, Thursday
 * and Friday in Afghanistan, Sunday alone in India and Uganda. ISO weekdays, 1 = Monday … 7 = Sunday.
 */
const WEEKENDS: Readonly<Record<string, readonly number[]>> = {
  AF: [4, 5],
  IR: [5],
  IN: [7],
  UG: [7],
  ...Object.fromEntries(
    'BH DZ EG IL IQ JO KW LY OM QA SA SD SY YE'.split(' ').map((country) => [country, [5, 6]]),
  ),
}

const weekendBits = new Map<string, number>(
  Object.entries(WEEKENDS).map(([country, days]) => [
    country,
    days.reduce((bits, d) => bits | (1 << (d % 7)), 0),
  ]),
)

/** The weekend of `country` as ISO weekdays (1 = Monday … 7 = Sunday). */
export function weekendOf(country: string): number[] {
  return [...(WEEKENDS[country] ?? [6, 7])]
}

/**
 * True for days that are neither a weekend day of the calendar's country (Saturday and Sunday
 * without a calendar) nor one of its public holidays.
 */
export function isBusinessDay(day: number, calendar: HolidayCalendar | null): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday; 0 = Sunday
  const weekend = (calendar && weekendBits.get(calendar.country)) || SATURDAY_SUNDAY
  if (weekend & (1 << weekday)) return false
  if (!calendar) return true
  const year = new Date(day * DAY_MS).getUTCFullYear()
  return !publicHolidays(calendar, year).has(day)
}

/** The first business day strictly after `day`. */
export function nextBusinessDay(day: number, calendar: HolidayCalendar | null): number {
  let next = day + 1
  while (!isBusinessDay(next, calendar)) next++
  return next
}

/** `day` moved forward by `count` business days (`count` 0 returns `day`). */
/** Transit days at most (ten years): validation refuses more, and the engine stops there. */
export const MAX_TRANSIT_DAYS = 3660

/** The last day a `YYYY-MM-DD` date can name (9999-12-31). */
export const LAST_DAY = Date.UTC(9999, 11, 31) / DAY_MS

export function addBusinessDays(day: number, count: number, calendar: HolidayCalendar | null): number {
  // A policy that passed validation has whole transit days up to MAX_TRANSIT_DAYS; the bound only
  // keeps an unvalidated one from hanging the engine.
  const steps = Math.min(Math.max(0, Math.floor(count)), MAX_TRANSIT_DAYS)
  let result = day
  for (let i = 0; i < steps; i++) result = nextBusinessDay(result, calendar)
  return result
}
