import type { Order } from '../order/order.types.js'
import {
  addBusinessDays,
  formatDay,
  isBusinessDay,
  LAST_DAY,
  localTime,
  nextBusinessDay,
} from './calendar.js'
import type { DeliveryEstimate, ShippingFact } from './facts.types.js'
import type { PolicyContext, PreparedMethod } from './policy-context.js'

/**
 * Delivery estimate (policies.md): the order ships on its local date if that is a business day and
 * the local time is before the method's cut-off (no cut-off: any time that day), else on the next
 * business day; earliest/latest add transitDays.min/max business days to the ship date. Null when
 * the window ends after 9999-12-31, a day no `YYYY-MM-DD` can name.
 */
function estimate(
  instant: number,
  prepared: PreparedMethod,
  context: PolicyContext,
): DeliveryEstimate | null {
  const { day, seconds } = localTime(instant, context.timeZone)
  const beforeCutoff = prepared.cutoffSeconds === null || seconds < prepared.cutoffSeconds
  // The answer depends only on the local day and the side of the cut-off: remember it per method.
  const key = day * 2 + (beforeCutoff ? 1 : 0)
  let cached = prepared.estimates.get(key)
  if (cached === undefined) {
    const shipDay =
      isBusinessDay(day, context.holidays) && beforeCutoff ? day : nextBusinessDay(day, context.holidays)
    const { min, max } = prepared.method.transitDays
    const earliest = addBusinessDays(shipDay, min, context.holidays)
    const latest = addBusinessDays(shipDay, max, context.holidays)
    cached = latest > LAST_DAY ? null : { earliest: formatDay(earliest), latest: formatDay(latest) }
    if (prepared.estimates.size >= 10_000) prepared.estimates.clear()
    prepared.estimates.set(key, cached)
  }
  return cached === null ? null : { ...cached }
}

/**
 * `shipping` (policies.md). An unknown method is not an error: methodKnown is false, carrier and
 * estimate null. A known method that does not serve the destination still gets its estimate.
 */
export function deriveShipping(
  order: Order,
  context: PolicyContext,
  createdAtMs: number | null,
): ShippingFact {
  const code = order.shipping.method
  const prepared = context.methods.get(code)
  if (!prepared) {
    return {
      method: code,
      methodKnown: false,
      methodAvailable: false,
      carrier: null,
      estimatedDelivery: null,
    }
  }
  return {
    method: code,
    methodKnown: true,
    methodAvailable: prepared.countries === null || prepared.countries.has(order.shippingAddress.country),
    carrier: prepared.method.carrier ?? null,
    estimatedDelivery: createdAtMs === null ? null : estimate(createdAtMs, prepared, context),
  }
}
