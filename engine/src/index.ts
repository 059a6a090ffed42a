// Public surface of @verdict/engine: re-exports only. Pure: no I/O, runs in Node and the browser.
export type * from './order/order.types.js'
export type * from './policy/policy.types.js'
export type * from './facts/facts.types.js'
export type * from './facts/client-data.js'
export type * from './evaluate/result.types.js'
