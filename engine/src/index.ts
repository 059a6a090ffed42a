// Public surface of @verdict/engine: re-exports only. Pure: no I/O, runs in Node and the browser.
export type * from './order/order.types.js'
export type * from './policy/policy.types.js'
export type * from './facts/facts.types.js'
export type * from './facts/client-data.js'
export type * from './evaluate/result.types.js'

// Orders and money
export { currencyExponent, isCurrencyCode } from './money/currency.js'
export { decimalPlaces, fromScaled, toScaled } from './money/decimal.js'
export { absDiffMoney, fitsCurrency, fromMinor, sumMoney, toMinor } from './money/money.js'
export { isCountryCode } from './order/country-codes.js'
export { orderSchema } from './order/order.schema.js'
export { findPan } from './order/pan.js'
export type { OrderIssue, ParseOrderResult } from './order/parse-order.js'
export { parseOrder } from './order/parse-order.js'
export { isRfc3339, parseInstant } from './order/timestamp.js'
