import type { PolicyDocument, ShippingMethod } from '../policy/policy.types.js'
import { type HolidayCalendar, isKnownTimeZone } from './calendar.js'
import type { DeliveryEstimate } from './facts.types.js'

/** What deriveFacts reads from a policy, prepared once per policy object. */
export interface PolicyContext {
  lists: Record<string, unknown>
  amountTolerance: number
  /** IANA zone for business days; UTC when the policy has none or names an unknown one. */
  timeZone: string
  holidays: HolidayCalendar | null
  methods: ReadonlyMap<string, PreparedMethod>
}

export interface PreparedMethod {
  method: ShippingMethod
  countries: ReadonlySet<string> | null
  /** Cut-off as seconds after local midnight; `null` = no cut-off. */
  cutoffSeconds: number | null
  /** Estimates already computed, by local day × side of the cut-off (null: beyond 9999-12-31). */
  estimates: Map<number, DeliveryEstimate | null>
}

export const DEFAULT_AMOUNT_TOLERANCE = 0.01

const contexts = new WeakMap<PolicyDocument, PolicyContext>()

function cutoffSeconds(cutoff: string | undefined): number | null {
  const match = cutoff === undefined ? null : /^(\d{1,2}):(\d{2})$/.exec(cutoff)
  if (!match) return null
  return Number(match[1]) * 3600 + Number(match[2]) * 60
}

function holidayCalendar(policy: PolicyDocument): HolidayCalendar | null {
  const holidays = policy.settings?.holidays
  if (!holidays?.country) return null
  // Accept both "NY" and "US-NY" for the subdivision.
  const prefix = `${holidays.country}-`
  const region = holidays.region?.startsWith(prefix) ? holidays.region.slice(prefix.length) : holidays.region
  return region ? { country: holidays.country, state: region } : { country: holidays.country }
}

function prepare(policy: PolicyDocument): PolicyContext {
  const settings = policy.settings ?? {}
  const methods = new Map<string, PreparedMethod>()
  for (const method of settings.shippingMethods ?? []) {
    if (methods.has(method.code)) continue // the first definition wins, as validation reports duplicates
    methods.set(method.code, {
      method,
      countries: method.countries ? new Set(method.countries) : null,
      cutoffSeconds: cutoffSeconds(method.cutoff),
      estimates: new Map(),
    })
  }
  const timeZone = settings.timezone && isKnownTimeZone(settings.timezone) ? settings.timezone : 'UTC'
  return {
    lists: policy.lists ?? {},
    amountTolerance: settings.amountTolerance ?? DEFAULT_AMOUNT_TOLERANCE,
    timeZone,
    holidays: holidayCalendar(policy),
    methods,
  }
}

/** The prepared context of `policy`, cached for as long as the policy object lives. */
export function policyContext(policy: PolicyDocument): PolicyContext {
  let context = contexts.get(policy)
  if (!context) {
    context = prepare(policy)
    contexts.set(policy, context)
  }
  return context
}
